# explain in a script: the explanation is a value (a string); nothing changes.
explain list zones name:Sandbox-1
# expect: explain: list zones
# expect:   API        listZones  (verb list, noun zones)
# expect:   why        verb 'list' + noun 'zones', as in the API name
# expect:   parameters
# expect:     name:Sandbox-1  -> name=Sandbox-1
# expect:   required   none
# expect:   async      no: the answer is the result
# expect:   pages      500 records a page (set pagesize); the next page is asked for only when more records are needed, until a short page
# expect:   related    createZone, listZones
# expect:   request    GET, @ bytes of parameters (more than 2000 would go by POST)
# expect:     curl @
# expect:     $KEY is the profile's API key; $SIGNATURE is base64(HMAC-SHA1(secret key, the parameters sorted by name, lowercased, values URL-encoded)), itself URL-encoded
# expect:     signatureVersion=3 and expires make the signature valid for 600 s
# expect:   changes    nothing: a read-only call
e = explain stop vm id:00000000-0000-0000-0000-000000000000
print type(e), "stopVirtualMachine" in e, "polls queryAsyncJobResult after 20 ms" in e
# expect: string true true
