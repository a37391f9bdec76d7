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
complete -c cake-okta -n "__fish_cake_okta_needs_command" -f -a "activate" -d 'Check a client\'s Okta issuer and client IDs, record the request and push it'
complete -c cake-okta -n "__fish_cake_okta_needs_command" -f -a "requests" -d 'List, show, mark, cancel, push again and sync recorded requests'
complete -c cake-okta -n "__fish_cake_okta_needs_command" -f -a "pending" -d 'List open requests, overdue first (short for \'requests list --pending\')'
complete -c cake-okta -n "__fish_cake_okta_needs_command" -f -a "users" -d 'List, add, edit and import the admin users of a tenant\'s CAKE site'
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
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l client-id -d 'Okta client ID of CAKE\'s app integration (repeat for several)' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l issuer -d 'Issuer URL as the client sent it' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l option -d 'Sign-in option: hybrid keeps passwords and adds an Okta button; okta-only shows only the Okta button' -r -f -a "hybrid\t''
okta-only\t''"
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l ticket -d 'Support ticket reference' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l contact -d 'Client contact email' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l note -d 'Free-text note kept with the request' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l redirect-uri -d 'CAKE\'s callback URL to probe with [default: the profile\'s redirect_uri, with {tenant} filled in]' -r -f
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l ca-cert -d 'Trust the CA certificates in this PEM file besides the platform\'s store' -r -F
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l timeout -d 'Total time allowed for each HTTP request, in seconds' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -s y -l yes -d 'Go ahead without prompts: record another request even when the tenant has a different open one, and push even when okta-only would lock out admin users without an Okta login or CAKE MFA would be switched off'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l dry-run -d 'Show what would be stored and sent, and change nothing'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l skip-push -d 'Record the request as a draft without pushing it to the backend'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l force -d 'Record the request even when the issuer check fails (it stays a draft), and push okta-only even when the tenant\'s users or security settings cannot be read'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l json -d 'Print one JSON object'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l offline -d 'Run only the issuer checks that need no network'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l probe -d 'Also send one authorization request per client ID, to check that the issuer knows the client and accepts CAKE\'s redirect URI for it'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l allow-private-network -d 'Allow issuer hosts that resolve to loopback, private, link-local or metadata addresses'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand activate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and not __fish_seen_subcommand_from list show mark cancel retry notify sync" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and not __fish_seen_subcommand_from list show mark cancel retry notify sync" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and not __fish_seen_subcommand_from list show mark cancel retry notify sync" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and not __fish_seen_subcommand_from list show mark cancel retry notify sync" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and not __fish_seen_subcommand_from list show mark cancel retry notify sync" -f -a "list" -d 'List recorded requests with their activation windows'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and not __fish_seen_subcommand_from list show mark cancel retry notify sync" -f -a "show" -d 'Show one request with its window, status history and last validation'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and not __fish_seen_subcommand_from list show mark cancel retry notify sync" -f -a "mark" -d 'Record a status change made outside this tool, such as a call from the activation team'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and not __fish_seen_subcommand_from list show mark cancel retry notify sync" -f -a "cancel" -d 'Cancel an open request'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and not __fish_seen_subcommand_from list show mark cancel retry notify sync" -f -a "retry" -d 'Push a draft to the backend again, with the same request UUID'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and not __fish_seen_subcommand_from list show mark cancel retry notify sync" -f -a "notify" -d 'Write the email that tells the client Okta sign-in is active and what changed'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and not __fish_seen_subcommand_from list show mark cancel retry notify sync" -f -a "sync" -d 'Ask the backend for the activation status of open requests and record changes'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from list" -l status -d 'Only requests with this status (repeat, or separate with commas)' -r -f -a "draft\t''
submitted\t''
in-progress\t''
active\t''
failed\t''
cancelled\t''"
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from list" -l tenant -d 'Only requests for this tenant' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from list" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from list" -l pending -d 'Only open requests: draft, submitted or in progress'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from list" -l overdue -d 'Only open requests past the latest date of their activation window'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from list" -l json -d 'Print a JSON array instead of a table'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from list" -l exit-status -d 'Exit with code 1 when any listed request is overdue, for cron jobs'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from list" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from show" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON object: the fields of \'requests list --json\', plus events (at, actor, old_status, new_status, note) and validation (the stored issuer report, or null)'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from show" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from mark" -l note -d 'Reason for the change, kept in the request\'s history' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from mark" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from mark" -l json -d 'Print the updated request as JSON (the fields of \'requests list --json\')'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from mark" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from mark" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from mark" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from cancel" -l note -d 'Reason for the cancellation, kept in the request\'s history' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from cancel" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from cancel" -l json -d 'Print the updated request as JSON (the fields of \'requests list --json\')'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from cancel" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from cancel" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from retry" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from retry" -s y -l yes -d 'Push even when okta-only would lock out admin users without an Okta login or CAKE MFA would be switched off'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from retry" -l force -d 'Push okta-only even when the tenant\'s users or security settings cannot be read'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from retry" -l json -d 'Print the updated request as JSON (the fields of \'requests list --json\')'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from retry" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from retry" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from retry" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from notify" -l out -d 'Write the email to this file instead of stdout' -r -F
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from notify" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from notify" -l force -d 'Replace FILE when it already exists'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from notify" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from notify" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from notify" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from sync" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from sync" -l json -d 'Print one JSON object: results [{number, tenant, outcome, before, after, backend_status, message, error}]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from sync" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from sync" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand requests; and __fish_seen_subcommand_from sync" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand pending" -l status -d 'Only requests with this status (repeat, or separate with commas)' -r -f -a "draft\t''
submitted\t''
in-progress\t''
active\t''
failed\t''
cancelled\t''"
complete -c cake-okta -n "__fish_cake_okta_using_subcommand pending" -l tenant -d 'Only requests for this tenant' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand pending" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand pending" -l overdue -d 'Only open requests past the latest date of their activation window'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand pending" -l json -d 'Print a JSON array instead of a table'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand pending" -l exit-status -d 'Exit with code 1 when any listed request is overdue, for cron jobs'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand pending" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand pending" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand pending" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and not __fish_seen_subcommand_from list add edit import" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and not __fish_seen_subcommand_from list add edit import" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and not __fish_seen_subcommand_from list add edit import" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and not __fish_seen_subcommand_from list add edit import" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and not __fish_seen_subcommand_from list add edit import" -f -a "list" -d 'List a tenant\'s admin users and their Okta logins'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and not __fish_seen_subcommand_from list add edit import" -f -a "add" -d 'Add an admin user to a tenant\'s site'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and not __fish_seen_subcommand_from list add edit import" -f -a "edit" -d 'Change an admin user of a tenant\'s site'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and not __fish_seen_subcommand_from list add edit import" -f -a "import" -d 'Add or update admin users from a CSV file'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from list" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from list" -l missing-okta -d 'Only users without an Okta login, inactive ones included'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from list" -l json -d 'Print a JSON array instead of a table'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from list" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from add" -l email -d 'Email address of the user' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from add" -l first-name -d 'First name of the user' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from add" -l last-name -d 'Last name of the user' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from add" -l okta-login -d 'Okta username to link, usually the user\'s email address in Okta' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from add" -l active -d 'Whether the user may sign in [default: the site\'s, usually true]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from add" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from add" -l json -d 'Print the added user as one JSON object (the fields of \'users list --json\')'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from add" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from edit" -l email -d 'New email address' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from edit" -l first-name -d 'New first name' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from edit" -l last-name -d 'New last name' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from edit" -l okta-login -d 'Okta username to link, usually the user\'s email address in Okta' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from edit" -l active -d 'Whether the user may sign in' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from edit" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from edit" -l clear-okta-login -d 'Remove the user\'s Okta link; with okta-only sign-in the user can then no longer sign in'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from edit" -l json -d 'Print the changed user as one JSON object (the fields of \'users list --json\')'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from edit" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from edit" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from import" -l profile -d 'Configuration profile to use [env: CAKE_OKTA_PROFILE]' -r
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from import" -l dry-run -d 'Check the file and show what would be added, updated and skipped, and send nothing'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from import" -l update-existing -d 'Update users that already exist (same email, in any case) where the file\'s values differ; without it they are skipped'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from import" -l json -d 'Print one JSON object'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from import" -l no-input -d 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from import" -l debug -d 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
complete -c cake-okta -n "__fish_cake_okta_using_subcommand users; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
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
complete -c cake-okta -n "__fish_cake_okta_using_subcommand doctor" -l json -d 'Print one JSON object: ok and checks [{id, status, message, hint}]'
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
