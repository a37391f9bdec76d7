
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'cake-okta' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'cake-okta'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'cake-okta' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('issuer', 'issuer', [CompletionResultType]::ParameterValue, 'Validate an issuer URL and client IDs')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Check a client''s Okta issuer and client IDs, record the request and push it')
            [CompletionResult]::new('requests', 'requests', [CompletionResultType]::ParameterValue, 'List, show, mark, cancel, push again and sync recorded requests')
            [CompletionResult]::new('pending', 'pending', [CompletionResultType]::ParameterValue, 'List open requests, overdue first (short for ''requests list --pending'')')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'List, add, edit and import the admin users of a tenant''s CAKE site')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Store, remove and show the backend API token of a profile')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show where the config file is, what is in effect, or change one key')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the config, profile, keyring, token, backend and ledger')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('manpage', 'manpage', [CompletionResultType]::ParameterValue, 'Print the manual page in roff format')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Show help for a command, or a topic: exit-codes, environment')
            break
        }
        'cake-okta;issuer' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check an issuer''s URL, discovery document, signing keys and client IDs')
            break
        }
        'cake-okta;issuer;check' {
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Okta client ID of CAKE''s app integration (repeat for several)')
            [CompletionResult]::new('--redirect-uri', '--redirect-uri', [CompletionResultType]::ParameterName, 'CAKE''s callback URL to probe with [default: the profile''s redirect_uri, with {tenant} filled in]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file besides the platform''s store')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Total time allowed for each HTTP request, in seconds')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of the checklist')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Run only the checks that need no network')
            [CompletionResult]::new('--probe', '--probe', [CompletionResultType]::ParameterName, 'Also send one authorization request per client ID, to check that the issuer knows the client and accepts CAKE''s redirect URI for it')
            [CompletionResult]::new('--allow-private-network', '--allow-private-network', [CompletionResultType]::ParameterName, 'Allow issuer hosts that resolve to loopback, private, link-local or metadata addresses')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cake-okta;activate' {
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Okta client ID of CAKE''s app integration (repeat for several)')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Issuer URL as the client sent it')
            [CompletionResult]::new('--option', '--option', [CompletionResultType]::ParameterName, 'Sign-in option: hybrid keeps passwords and adds an Okta button; okta-only shows only the Okta button')
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'Support ticket reference')
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'Client contact email')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'Free-text note kept with the request')
            [CompletionResult]::new('--redirect-uri', '--redirect-uri', [CompletionResultType]::ParameterName, 'CAKE''s callback URL to probe with [default: the profile''s redirect_uri, with {tenant} filled in]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file besides the platform''s store')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Total time allowed for each HTTP request, in seconds')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Go ahead without prompts: record another request even when the tenant has a different open one, and push even when okta-only would lock out admin users without an Okta login or CAKE MFA would be switched off')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Go ahead without prompts: record another request even when the tenant has a different open one, and push even when okta-only would lock out admin users without an Okta login or CAKE MFA would be switched off')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be stored and sent, and change nothing')
            [CompletionResult]::new('--skip-push', '--skip-push', [CompletionResultType]::ParameterName, 'Record the request as a draft without pushing it to the backend')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Record the request even when the issuer check fails (it stays a draft), and push okta-only even when the tenant''s users or security settings cannot be read')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Run only the issuer checks that need no network')
            [CompletionResult]::new('--probe', '--probe', [CompletionResultType]::ParameterName, 'Also send one authorization request per client ID, to check that the issuer knows the client and accepts CAKE''s redirect URI for it')
            [CompletionResult]::new('--allow-private-network', '--allow-private-network', [CompletionResultType]::ParameterName, 'Allow issuer hosts that resolve to loopback, private, link-local or metadata addresses')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'cake-okta;requests' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List recorded requests with their activation windows')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one request with its window, status history and last validation')
            [CompletionResult]::new('mark', 'mark', [CompletionResultType]::ParameterValue, 'Record a status change made outside this tool, such as a call from the activation team')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel an open request')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Push a draft to the backend again, with the same request UUID')
            [CompletionResult]::new('notify', 'notify', [CompletionResultType]::ParameterValue, 'Write the email that tells the client Okta sign-in is active and what changed')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Ask the backend for the activation status of open requests and record changes')
            break
        }
        'cake-okta;requests;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only requests with this status (repeat, or separate with commas)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Only requests for this tenant')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--pending', '--pending', [CompletionResultType]::ParameterName, 'Only open requests: draft, submitted or in progress')
            [CompletionResult]::new('--overdue', '--overdue', [CompletionResultType]::ParameterName, 'Only open requests past the latest date of their activation window')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array instead of a table')
            [CompletionResult]::new('--exit-status', '--exit-status', [CompletionResultType]::ParameterName, 'Exit with code 1 when any listed request is overdue, for cron jobs')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'cake-okta;requests;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object: the fields of ''requests list --json'', plus events (at, actor, old_status, new_status, note) and validation (the stored issuer report, or null)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cake-okta;requests;mark' {
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'Reason for the change, kept in the request''s history')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the updated request as JSON (the fields of ''requests list --json'')')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cake-okta;requests;cancel' {
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'Reason for the cancellation, kept in the request''s history')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the updated request as JSON (the fields of ''requests list --json'')')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cake-okta;requests;retry' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Push even when okta-only would lock out admin users without an Okta login or CAKE MFA would be switched off')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Push even when okta-only would lock out admin users without an Okta login or CAKE MFA would be switched off')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Push okta-only even when the tenant''s users or security settings cannot be read')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the updated request as JSON (the fields of ''requests list --json'')')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cake-okta;requests;notify' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the email to this file instead of stdout')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace FILE when it already exists')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cake-okta;requests;sync' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object: results [{number, tenant, outcome, before, after, backend_status, message, error}]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cake-okta;pending' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only requests with this status (repeat, or separate with commas)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Only requests for this tenant')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--overdue', '--overdue', [CompletionResultType]::ParameterName, 'Only open requests past the latest date of their activation window')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array instead of a table')
            [CompletionResult]::new('--exit-status', '--exit-status', [CompletionResultType]::ParameterName, 'Exit with code 1 when any listed request is overdue, for cron jobs')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'cake-okta;users' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a tenant''s admin users and their Okta logins')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an admin user to a tenant''s site')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change an admin user of a tenant''s site')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add or update admin users from a CSV file')
            break
        }
        'cake-okta;users;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--missing-okta', '--missing-okta', [CompletionResultType]::ParameterName, 'Only users without an Okta login, inactive ones included')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array instead of a table')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'cake-okta;users;add' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email address of the user')
            [CompletionResult]::new('--first-name', '--first-name', [CompletionResultType]::ParameterName, 'First name of the user')
            [CompletionResult]::new('--last-name', '--last-name', [CompletionResultType]::ParameterName, 'Last name of the user')
            [CompletionResult]::new('--okta-login', '--okta-login', [CompletionResultType]::ParameterName, 'Okta username to link, usually the user''s email address in Okta')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Whether the user may sign in [default: the site''s, usually true]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the added user as one JSON object (the fields of ''users list --json'')')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cake-okta;users;edit' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'New email address')
            [CompletionResult]::new('--first-name', '--first-name', [CompletionResultType]::ParameterName, 'New first name')
            [CompletionResult]::new('--last-name', '--last-name', [CompletionResultType]::ParameterName, 'New last name')
            [CompletionResult]::new('--okta-login', '--okta-login', [CompletionResultType]::ParameterName, 'Okta username to link, usually the user''s email address in Okta')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Whether the user may sign in')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--clear-okta-login', '--clear-okta-login', [CompletionResultType]::ParameterName, 'Remove the user''s Okta link; with okta-only sign-in the user can then no longer sign in')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the changed user as one JSON object (the fields of ''users list --json'')')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cake-okta;users;import' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check the file and show what would be added, updated and skipped, and send nothing')
            [CompletionResult]::new('--update-existing', '--update-existing', [CompletionResultType]::ParameterName, 'Update users that already exist (same email, in any case) where the file''s values differ; without it they are skipped')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'cake-okta;auth' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Store the backend API token of the profile in the OS keyring')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the profile''s API token from the OS keyring')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show where the token comes from (masked) and check it against the backend')
            break
        }
        'cake-okta;auth;login' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--with-token', '--with-token', [CompletionResultType]::ParameterName, 'Read the token from stdin instead of prompting for it')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cake-okta;auth;logout' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cake-okta;auth;status' {
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Tenant whose activation status is read for the check [default: a reserved name no tenant has]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Do not contact the backend; only report where the token comes from')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object: profile, backend_url, token_source, token (masked) and check')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cake-okta;config' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file in effect')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every setting in effect and where it comes from (file, environment, flag or default)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one key of the config file, keeping its comments and layout')
            break
        }
        'cake-okta;config;path' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cake-okta;config;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object: profile, token_source and settings [{key, value, source, detail}]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cake-okta;config;set' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cake-okta;doctor' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Do not contact the backend')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object: ok and checks [{id, status, message, hint}]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cake-okta;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cake-okta;manpage' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cake-okta;help' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [env: CAKE_OKTA_PROFILE]')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail and name the missing values instead [env: CAKE_OKTA_NO_INPUT]')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP exchange and ledger migration to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
