
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
