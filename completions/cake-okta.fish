# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_cake_okta_global_optspecs
    string join \n profile= no-input debug h/help V/version
end

function __fish_cake_okta_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_cake_okta_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_cake_okta_using_subcommand
    set -l cmd (__fish_cake_okta_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c cake-okta -n "__fish_cake_okta_needs_command" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_needs_command" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_needs_command" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_needs_command" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_needs_command" -s V -l version -d 'Print version'
complete -c cake-okta -n "__fish_cake_okta_needs_command" -f -a "issuer" -d 'Validate an issuer URL and client IDs'
complete -c cake-okta -n "__fish_cake_okta_needs_command" -f -a "auth" -d 'Store, remove and show the backend API token of a profile'
complete -c cake-okta -n "__fish_cake_okta_needs_command" -f -a "config" -d 'Show where the config file is, what is in effect, or change one key'
complete -c cake-okta -n "__fish_cake_okta_needs_command" -f -a "doctor" -d 'Check the config, profile, keyring, token, backend and ledger'
complete -c cake-okta -n "__fish_cake_okta_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c cake-okta -n "__fish_cake_okta_needs_command" -f -a "manpage" -d 'Print the manual page in roff format'
complete -c cake-okta -n "__fish_cake_okta_needs_command" -f -a "help" -d 'Show help for a command, or a topic: exit-codes, environment'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and not __fish_seen_subcommand_from check" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and not __fish_seen_subcommand_from check" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and not __fish_seen_subcommand_from check" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and not __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and not __fish_seen_subcommand_from check" -f -a "check" -d 'Check an issuer\'s URL, discovery document, signing keys and client IDs'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and __fish_seen_subcommand_from check" -l client-id -d 'Okta client ID of CAKE\'s app integration (repeat for several)' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and __fish_seen_subcommand_from check" -l redirect-uri -d 'CAKE\'s callback URL to probe with [default: the profile\'s redirect_uri, with {tenant} filled in]' -r -f
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and __fish_seen_subcommand_from check" -l ca-cert -d 'Trust the CA certificates in this PEM file besides the platform\'s store' -r -F
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and __fish_seen_subcommand_from check" -l timeout -d 'Total time allowed for each HTTP request, in seconds' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and __fish_seen_subcommand_from check" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and __fish_seen_subcommand_from check" -l json -d 'Print one JSON object instead of the checklist'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and __fish_seen_subcommand_from check" -l offline -d 'Run only the checks that need no network'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and __fish_seen_subcommand_from check" -l probe -d 'Also send one authorization request per client ID, to check that the issuer knows the client and accepts CAKE\'s redirect URI for it'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and __fish_seen_subcommand_from check" -l allow-private-network -d 'Allow issuer hosts that resolve to loopback, private, link-local or metadata addresses'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and __fish_seen_subcommand_from check" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and not __fish_seen_subcommand_from login logout status" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and not __fish_seen_subcommand_from login logout status" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and not __fish_seen_subcommand_from login logout status" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and not __fish_seen_subcommand_from login logout status" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and not __fish_seen_subcommand_from login logout status" -f -a "login" -d 'Store the backend API token of the profile in the OS keyring'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and not __fish_seen_subcommand_from login logout status" -f -a "logout" -d 'Remove the profile\'s API token from the OS keyring'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and not __fish_seen_subcommand_from login logout status" -f -a "status" -d 'Show where the token comes from (masked) and check it against the backend'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and __fish_seen_subcommand_from login" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and __fish_seen_subcommand_from login" -l with-token -d 'Read the token from stdin instead of prompting for it'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and __fish_seen_subcommand_from login" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and __fish_seen_subcommand_from logout" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and __fish_seen_subcommand_from logout" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and __fish_seen_subcommand_from status" -l tenant -d 'Tenant whose activation status is read for the check [default: a reserved name no tenant has]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and __fish_seen_subcommand_from status" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and __fish_seen_subcommand_from status" -l offline -d 'Do not contact the backend; only report where the token comes from'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and __fish_seen_subcommand_from status" -l json -d 'Print one JSON object: profile, backend_url, token_source, token (masked) and check'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and __fish_seen_subcommand_from status" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and not __fish_seen_subcommand_from path show set" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and not __fish_seen_subcommand_from path show set" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and not __fish_seen_subcommand_from path show set" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and not __fish_seen_subcommand_from path show set" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and not __fish_seen_subcommand_from path show set" -f -a "path" -d 'Print the path of the config file in effect'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and not __fish_seen_subcommand_from path show set" -f -a "show" -d 'Show every setting in effect and where it comes from (file, environment, flag or default)'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and not __fish_seen_subcommand_from path show set" -f -a "set" -d 'Change one key of the config file, keeping its comments and layout'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and __fish_seen_subcommand_from path" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and __fish_seen_subcommand_from path" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON object: profile, token_source and settings [{key, value, source, detail}]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and __fish_seen_subcommand_from show" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and __fish_seen_subcommand_from set" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and __fish_seen_subcommand_from set" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand doctor" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand doctor" -l offline -d 'Do not contact the backend'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand doctor" -l json -d 'Print one JSON object: ok and checks [{id, status, message}]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand doctor" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand doctor" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand completions" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand completions" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand completions" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand completions" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand manpage" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand manpage" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand manpage" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand manpage" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand help" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand help" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand help" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand help" -s h -l help -d 'Print help'
