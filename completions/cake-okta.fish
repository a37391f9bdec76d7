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
complete -c cake-okta -n "__fish_cake_okta_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c cake-okta -n "__fish_cake_okta_needs_command" -f -a "manpage" -d 'Print the manual page in roff format'
complete -c cake-okta -n "__fish_cake_okta_needs_command" -f -a "help" -d 'Show help for a command, or a topic: exit-codes, environment'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and not __fish_seen_subcommand_from check" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and not __fish_seen_subcommand_from check" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and not __fish_seen_subcommand_from check" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and not __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and not __fish_seen_subcommand_from check" -f -a "check" -d 'Check an issuer\'s URL, discovery document, signing keys and client IDs'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and __fish_seen_subcommand_from check" -l client-id -d 'Okta client ID of CAKE\'s app integration (repeat for several)' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand issuer; and __fish_seen_subcommand_from check" -l redirect-uri -d 'CAKE\'s callback URL to probe with [default: the profile\'s redirect_uri, with {tenant} filled in]' -r
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
