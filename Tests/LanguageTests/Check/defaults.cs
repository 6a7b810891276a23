# A default set in the script fills the parameter, as in a run.
set default serviceoffering "Small Instance"
deploy vm template:"Debian 12" zone:Sandbox-1
deploy vm zone:Sandbox-1
