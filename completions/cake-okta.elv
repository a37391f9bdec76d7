
use builtin;
use str;

set edit:completion:arg-completer[cake-okta] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'cake-okta'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'cake-okta'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand issuer 'Validate an issuer URL and client IDs'
            cand activate 'Check a client''s Okta issuer and client IDs, record the request and push it'
            cand requests 'List, show, mark, cancel, push again and sync recorded requests'
            cand pending 'List open requests, overdue first (short for ''requests list --pending'')'
            cand users 'List, add, edit and import the admin users of a tenant''s CAKE site'
            cand auth 'Store, remove and show the backend API token of a profile'
            cand config 'Show where the config file is, what is in effect, or change one key'
            cand doctor 'Check the config, profile, keyring, token, backend and ledger'
            cand completions 'Print a shell completion script'
            cand manpage 'Print the manual page in roff format'
            cand help 'Show help for a command, or a topic: exit-codes, environment'
        }
        &'cake-okta;issuer'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand check 'Check an issuer''s URL, discovery document, signing keys and client IDs'
        }
        &'cake-okta;issuer;check'= {
            cand --client-id 'Okta client ID of CAKE''s app integration (repeat for several)'
            cand --redirect-uri 'CAKE''s callback URL to probe with [default: the profile''s redirect_uri, with {tenant} filled in]'
            cand --ca-cert 'Trust the CA certificates in this PEM file besides the platform''s store'
            cand --timeout 'Total time allowed for each HTTP request, in seconds'
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --json 'Print one JSON object instead of the checklist'
            cand --offline 'Run only the checks that need no network'
            cand --probe 'Also send one authorization request per client ID, to check that the issuer knows the client and accepts CAKE''s redirect URI for it'
            cand --allow-private-network 'Allow issuer hosts that resolve to loopback, private, link-local or metadata addresses'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cake-okta;activate'= {
            cand --client-id 'Okta client ID of CAKE''s app integration (repeat for several)'
            cand --issuer 'Issuer URL as the client sent it'
            cand --option 'Sign-in option: hybrid keeps passwords and adds an Okta button; okta-only shows only the Okta button'
            cand --ticket 'Support ticket reference'
            cand --contact 'Client contact email'
            cand --note 'Free-text note kept with the request'
            cand --redirect-uri 'CAKE''s callback URL to probe with [default: the profile''s redirect_uri, with {tenant} filled in]'
            cand --ca-cert 'Trust the CA certificates in this PEM file besides the platform''s store'
            cand --timeout 'Total time allowed for each HTTP request, in seconds'
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand -y 'Go ahead without prompts: record another request even when the tenant has a different open one, and push even when okta-only would lock out admin users without an Okta login or CAKE MFA would be switched off'
            cand --yes 'Go ahead without prompts: record another request even when the tenant has a different open one, and push even when okta-only would lock out admin users without an Okta login or CAKE MFA would be switched off'
            cand --dry-run 'Show what would be stored and sent, and change nothing'
            cand --skip-push 'Record the request as a draft without pushing it to the backend'
            cand --force 'Record the request even when the issuer check fails (it stays a draft), and push okta-only even when the tenant''s users or security settings cannot be read'
            cand --json 'Print one JSON object'
            cand --offline 'Run only the issuer checks that need no network'
            cand --probe 'Also send one authorization request per client ID, to check that the issuer knows the client and accepts CAKE''s redirect URI for it'
            cand --allow-private-network 'Allow issuer hosts that resolve to loopback, private, link-local or metadata addresses'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'cake-okta;requests'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List recorded requests with their activation windows'
            cand show 'Show one request with its window, status history and last validation'
            cand mark 'Record a status change made outside this tool, such as a call from the activation team'
            cand cancel 'Cancel an open request'
            cand retry 'Push a draft to the backend again, with the same request UUID'
            cand notify 'Write the email that tells the client Okta sign-in is active and what changed'
            cand sync 'Ask the backend for the activation status of open requests and record changes'
        }
        &'cake-okta;requests;list'= {
            cand --status 'Only requests with this status (repeat, or separate with commas)'
            cand --tenant 'Only requests for this tenant'
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --pending 'Only open requests: draft, submitted or in progress'
            cand --overdue 'Only open requests past the latest date of their activation window'
            cand --json 'Print a JSON array instead of a table'
            cand --exit-status 'Exit with code 1 when any listed request is overdue, for cron jobs'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'cake-okta;requests;show'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --json 'Print one JSON object: the fields of ''requests list --json'', plus events (at, actor, old_status, new_status, note) and validation (the stored issuer report, or null)'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cake-okta;requests;mark'= {
            cand --note 'Reason for the change, kept in the request''s history'
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --json 'Print the updated request as JSON (the fields of ''requests list --json'')'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cake-okta;requests;cancel'= {
            cand --note 'Reason for the cancellation, kept in the request''s history'
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --json 'Print the updated request as JSON (the fields of ''requests list --json'')'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cake-okta;requests;retry'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand -y 'Push even when okta-only would lock out admin users without an Okta login or CAKE MFA would be switched off'
            cand --yes 'Push even when okta-only would lock out admin users without an Okta login or CAKE MFA would be switched off'
            cand --force 'Push okta-only even when the tenant''s users or security settings cannot be read'
            cand --json 'Print the updated request as JSON (the fields of ''requests list --json'')'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cake-okta;requests;notify'= {
            cand --out 'Write the email to this file instead of stdout'
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --force 'Replace FILE when it already exists'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cake-okta;requests;sync'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --json 'Print one JSON object: results [{number, tenant, outcome, before, after, backend_status, message, error}]'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cake-okta;pending'= {
            cand --status 'Only requests with this status (repeat, or separate with commas)'
            cand --tenant 'Only requests for this tenant'
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --overdue 'Only open requests past the latest date of their activation window'
            cand --json 'Print a JSON array instead of a table'
            cand --exit-status 'Exit with code 1 when any listed request is overdue, for cron jobs'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'cake-okta;users'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List a tenant''s admin users and their Okta logins'
            cand add 'Add an admin user to a tenant''s site'
            cand edit 'Change an admin user of a tenant''s site'
            cand import 'Add or update admin users from a CSV file'
        }
        &'cake-okta;users;list'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --missing-okta 'Only users without an Okta login, inactive ones included'
            cand --json 'Print a JSON array instead of a table'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'cake-okta;users;add'= {
            cand --email 'Email address of the user'
            cand --first-name 'First name of the user'
            cand --last-name 'Last name of the user'
            cand --okta-login 'Okta username to link, usually the user''s email address in Okta'
            cand --active 'Whether the user may sign in [default: the site''s, usually true]'
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --json 'Print the added user as one JSON object (the fields of ''users list --json'')'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cake-okta;users;edit'= {
            cand --email 'New email address'
            cand --first-name 'New first name'
            cand --last-name 'New last name'
            cand --okta-login 'Okta username to link, usually the user''s email address in Okta'
            cand --active 'Whether the user may sign in'
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --clear-okta-login 'Remove the user''s Okta link; with okta-only sign-in the user can then no longer sign in'
            cand --json 'Print the changed user as one JSON object (the fields of ''users list --json'')'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cake-okta;users;import'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --dry-run 'Check the file and show what would be added, updated and skipped, and send nothing'
            cand --update-existing 'Update users that already exist (same email, in any case) where the file''s values differ; without it they are skipped'
            cand --json 'Print one JSON object'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'cake-okta;auth'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand login 'Store the backend API token of the profile in the OS keyring'
            cand logout 'Remove the profile''s API token from the OS keyring'
            cand status 'Show where the token comes from (masked) and check it against the backend'
        }
        &'cake-okta;auth;login'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --with-token 'Read the token from stdin instead of prompting for it'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cake-okta;auth;logout'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cake-okta;auth;status'= {
            cand --tenant 'Tenant whose activation status is read for the check [default: a reserved name no tenant has]'
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --offline 'Do not contact the backend; only report where the token comes from'
            cand --json 'Print one JSON object: profile, backend_url, token_source, token (masked) and check'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cake-okta;config'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand path 'Print the path of the config file in effect'
            cand show 'Show every setting in effect and where it comes from (file, environment, flag or default)'
            cand set 'Change one key of the config file, keeping its comments and layout'
        }
        &'cake-okta;config;path'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cake-okta;config;show'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --json 'Print one JSON object: profile, token_source and settings [{key, value, source, detail}]'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cake-okta;config;set'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cake-okta;doctor'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --offline 'Do not contact the backend'
            cand --json 'Print one JSON object: ok and checks [{id, status, message, hint}]'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cake-okta;completions'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cake-okta;manpage'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cake-okta;help'= {
            cand --profile 'Configuration profile to use [env: CAKE_OKTA_PROFILE]'
            cand --no-input 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]'
            cand --debug 'Log each HTTP exchange and ledger migration to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
        }
    ]
    $completions[$command]
}
