
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
            cand --json 'Print one JSON object: ok and checks [{id, status, message}]'
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
