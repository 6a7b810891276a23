function __acsh_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __acsh_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __acsh_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __acsh_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __acsh_parse_tokens -S
    set -l unparsed_tokens (__acsh_tokens -pc)
    switch $unparsed_tokens[1]
    case 'acsh'
        __acsh_parse_subcommand 0 'h/help'
        switch $unparsed_tokens[1]
        case 'check'
            __acsh_parse_subcommand -r 1 'p/profile=' 'sandbox' 'o/output=' 'h/help'
        case 'simulator'
            __acsh_parse_subcommand 0 'host=' 'port=' 'integration-port=' 'state=' 'memory' 'fresh' 'job-delay=' 'admin-api-key=' 'admin-secret-key=' 'seed=' 'seed-vms=' 'datacenter=' 'fault=+' 'throttle=' 'clock-offset=' 'open' 'log' 'print-keys' 'h/help'
        case 'profile'
            __acsh_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'add'
                __acsh_parse_subcommand 1 'url=' 'api-key=' 'secret-key=' 'username=' 'password=' 'domain=' 'no-verify-tls' 'timeout=' 'output=' 'proxy=' 'signature-lifetime=' 'post' 'replace' 'h/help'
            case 'list'
                __acsh_parse_subcommand 0 'h/help'
            case 'use'
                __acsh_parse_subcommand 1 'h/help'
            case 'show'
                __acsh_parse_subcommand 1 'h/help'
            case 'set-default'
                __acsh_parse_subcommand 3 'h/help'
            case 'remove'
                __acsh_parse_subcommand 1 'h/help'
            case 'import-cmk'
                __acsh_parse_subcommand 0 'file=' 'replace' 'h/help'
            end
        case 'sync'
            __acsh_parse_subcommand 0 'p/profile=' 'sandbox' 'fresh' 'url=' 'api-key=' 'secret-key=' 'o/output=' 'timeout=' 'trace' 'no-color' 'insecure' 'yes' '2fa-code=' 'v/verbose' 'h/help'
        case 'completions'
            __acsh_parse_subcommand 1 'h/help'
        case 'help'
            __acsh_parse_subcommand -r 1 
        end
    end
end

function __acsh_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __acsh_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __acsh_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __acsh_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__acsh_tokens -p)
    if test -z "$(__acsh_tokens -t)"
        set -l index (count (__acsh_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'acsh' -f
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_positional "acsh" -eq 1' -fa 'check' -d 'Check scripts without running them: syntax, commands and parameters against the profile\'s catalog, variables, stages, wait.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_positional "acsh" -eq 1' -fa 'simulator' -d 'Run the CloudStack simulator on 127.0.0.1.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_positional "acsh" -eq 1' -fa 'profile' -d 'Manage the clouds acsh knows (config file profiles).'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_positional "acsh" -eq 1' -fa 'sync' -d 'Fetch and cache the active profile\'s API catalog.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_positional "acsh" -eq 1' -fa 'completions' -d 'Print the shell completion script for bash, zsh or fish.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_positional "acsh" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh check" p profile' -s 'p' -l 'profile' -d 'Check against this profile\'s catalog and parameter defaults.' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh check" sandbox' -l 'sandbox' -d 'Check against the sandbox (the bundled catalog and the sandbox\'s parameter defaults).'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh check" o output' -s 'o' -l 'output' -d 'Findings as json, csv or table instead of compiler lines.' -rfka 'json table csv text'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator" host' -l 'host' -d 'Address to listen on; loopback only (127.0.0.1, ::1, localhost).' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator" port' -l 'port' -d 'Port to listen on (0 picks a free one).' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator" integration-port' -l 'integration-port' -d 'Also listen on this port for unsigned requests, run as the admin (0 picks a free one).' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator" state' -l 'state' -d 'Keep the cloud in this SQLite file between runs (created 0600).' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator" memory' -l 'memory' -d 'Keep nothing on disk (the default).'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator" fresh' -l 'fresh' -d 'With --state: delete the file\'s cloud and seed a new one.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator" job-delay' -l 'job-delay' -d 'How long async jobs take, in milliseconds (default 500).' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator" admin-api-key' -l 'admin-api-key' -d 'The root admin\'s API key instead of the sandbox one.' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator" admin-secret-key' -l 'admin-secret-key' -d 'The root admin\'s secret key (with --admin-api-key).' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator" seed' -l 'seed' -d 'Seed for generated UUIDs and random choices: the same seed gives the same ids (default 42).' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator" seed-vms' -l 'seed-vms' -d 'Pre-create this many virtual machines (with a new cloud).' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator" datacenter' -l 'datacenter' -d 'The data center a new cloud starts with: sandbox, or cloudstack-simulator (what the official simulator container deploys; serves /admin.json).' -rfka 'sandbox cloudstack-simulator'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator"' -l 'fault' -d 'Inject a fault (repeatable).' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator" throttle' -l 'throttle' -d 'Allow N requests per second per account (root admin exempt, as CloudStack).' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator" clock-offset' -l 'clock-offset' -d 'Run the server\'s clock this many seconds ahead (negative: behind), to test `expires` and skew.' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator" open' -l 'open' -d 'Accept unsigned requests on the main port too (like the integration port).'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator" log' -l 'log' -d 'Log each request on stderr (secrets redacted).'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator" print-keys' -l 'print-keys' -d 'Print the admin API key and secret key, then exit.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh simulator" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_positional "acsh profile" -eq 1' -fa 'add' -d 'Add a profile (keys, or username and password).'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_positional "acsh profile" -eq 1' -fa 'list' -d 'List profiles; * marks the current one.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_positional "acsh profile" -eq 1' -fa 'use' -d 'Make a profile the current one.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_positional "acsh profile" -eq 1' -fa 'show' -d 'Show a profile (secrets redacted).'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_positional "acsh profile" -eq 1' -fa 'set-default' -d 'Keep a parameter default for a profile (no value: remove it).'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_positional "acsh profile" -eq 1' -fa 'remove' -d 'Remove a profile.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_positional "acsh profile" -eq 1' -fa 'import-cmk' -d 'Import the profiles of a cloudmonkey config (~/.cmk/config).'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile add" url' -l 'url' -d 'API URL, e.g. https://cloud.example.com/client/api.' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile add" api-key' -l 'api-key' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile add" secret-key' -l 'secret-key' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile add" username' -l 'username' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile add" password' -l 'password' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile add" domain' -l 'domain' -d 'Domain path for login, e.g. / or /sub.' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile add" no-verify-tls' -l 'no-verify-tls' -d 'Do not verify TLS certificates (insecure).'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile add" timeout' -l 'timeout' -d 'Request timeout in seconds.' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile add" output' -l 'output' -d 'Default output format: json, table, csv or text.' -rfka 'json table csv text'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile add" proxy' -l 'proxy' -d 'Proxy URL (http://host:port or socks5://host:port); none: never a proxy.' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile add" signature-lifetime' -l 'signature-lifetime' -d 'Seconds a signed request stays valid (1 to 31536000).' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile add" post' -l 'post' -d 'Send every request as POST.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile add" replace' -l 'replace' -d 'Replace an existing profile of that name.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile use" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile set-default" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile remove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile import-cmk" file' -l 'file' -d 'The cloudmonkey config file.' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile import-cmk" replace' -l 'replace' -d 'Replace profiles that already exist (kept otherwise).'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh profile import-cmk" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh sync" p profile' -s 'p' -l 'profile' -d 'Profile from the config file to use.' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh sync" sandbox' -l 'sandbox' -d 'Use the built-in sandbox cloud (an in-process simulator).'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh sync" fresh' -l 'fresh' -d 'Start the sandbox\'s saved cloud over (with --sandbox, or no profile).'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh sync" url' -l 'url' -d 'CloudStack API URL (overrides the profile), e.g. https://cloud.example.com/client/api.' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh sync" api-key' -l 'api-key' -d 'API key (overrides the profile; prefer a profile or CLOUDSTACK_KEY).' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh sync" secret-key' -l 'secret-key' -d 'Secret key (overrides the profile; prefer a profile or CLOUDSTACK_SECRET).' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh sync" o output' -s 'o' -l 'output' -d 'Output format: json, table, csv or text.' -rfka 'json table csv text'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh sync" timeout' -l 'timeout' -d 'Request timeout in seconds.' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh sync" trace' -l 'trace' -d 'Print requests and responses on stderr (secrets redacted).'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh sync" no-color' -l 'no-color' -d 'Disable colours (also NO_COLOR=1).'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh sync" insecure' -l 'insecure' -d 'Skip TLS certificate verification for this run (prints a warning).'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh sync" yes' -l 'yes' -d 'Never ask before a command changes more than 3 records at the prompt.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh sync" 2fa-code' -l '2fa-code' -d 'Two-factor code for a password profile\'s login (also ACSH_2FA_CODE; asked at a terminal otherwise).' -rfka ''
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh sync" v verbose' -s 'v' -l 'verbose' -d 'List every API and parameter added or removed, not just the counts.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh sync" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'acsh' -n '__acsh_should_offer_completions_for_flags_or_options "acsh completions" h help' -s 'h' -l 'help' -d 'Show help information.'