" Vim syntax file for acsh scripts (generated from acsh's own tables by scripts/gen-editors: do not edit).
if exists("b:current_syntax")
  finish
endif

syn keyword acshKeyword assert break catch continue def elif else exit for if in return try while not wait
syn keyword acshConstant true false null
syn keyword acshBuiltin echo explain help history print set sleep source sync tour use vars
syn match acshStage "|\s*\zs\<\(count\|csv\|each\|first\|get\|group\|json\|last\|reverse\|save\|select\|skip\|sort\|table\|text\|uniq\|where\)\>"
syn match acshFunction "\<\(base64\|base64decode\|bytes\|endswith\|env\|exists\|float\|format\|fromjson\|human\|int\|join\|keys\|len\|lower\|max\|min\|now\|padleft\|padright\|range\|read\|readcsv\|readjson\|replace\|sha256\|split\|startswith\|str\|sum\|time\|tojson\|trim\|type\|upper\|urlencode\|values\)\ze("
syn match acshVariable "\$\([A-Za-z_][A-Za-z0-9_]*\|[0-9]\)"
syn match acshNumber "\(\w\|\.\)\@<!-\=\d\+\(\.\d\+\)\=\>"
syn match acshFlag "\s\zs--\=[A-Za-z][A-Za-z0-9-]*"
syn match acshNamed "\<[A-Za-z_][A-Za-z0-9_]*\ze[:=][^ \t=]"
syn match acshEscape contained "\\[nt\"\\$]"
syn region acshInterpolation contained matchgroup=acshDelimiter start="\${" end="}" contains=TOP
syn region acshString start=+"+ skip=+\\\\\|\\"+ end=+"\|$+ contains=acshEscape,acshInterpolation,acshVariable
syn region acshRawString start=+'+ end=+'\|$+
syn keyword acshTodo contained TODO FIXME XXX
syn match acshComment "#.*$" contains=acshTodo

hi def link acshKeyword Statement
hi def link acshConstant Constant
hi def link acshBuiltin Function
hi def link acshStage Function
hi def link acshFunction Function
hi def link acshVariable Identifier
hi def link acshNumber Number
hi def link acshFlag Special
hi def link acshNamed Type
hi def link acshEscape SpecialChar
hi def link acshDelimiter Delimiter
hi def link acshString String
hi def link acshRawString String
hi def link acshTodo Todo
hi def link acshComment Comment

let b:current_syntax = "acsh"
