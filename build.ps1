#!/usr/bin/env pwsh
# Ent's one build script, run through the repository's local tool manifest so nothing is installed globally:
#
#   dotnet tool restore
#   dotnet pwsh ./build.ps1 run       restore, build the SPA and the host, start Ent on http://localhost:5080
#                                     with its embedded database and the demo lycée
#   dotnet pwsh ./build.ps1 test      every .NET test, the OpenAPI linter (Spectral), the SPA's unit tests and the
#                                     end-to-end browser tests;
#                                     ends with "N passed, N failed" and a non-zero exit code on any failure
#   dotnet pwsh ./build.ps1 openapi   regenerate openapi/ent.json and the TypeScript client from the host
#   dotnet pwsh ./build.ps1 seed-region [--etablissements N] [--connexion "<connection string>"] [--graine N] …
#                                     region-scale data for benchmarks (50 lycées by default) in .data/region,
#                                     through COPY; prints rows per table and rows per second (README, Performance)
#   dotnet pwsh ./build.ps1 import-aaf <dossier|zip>
#                                     import a directory export (AAF, full or delta) into Ent's database (same settings as
#                                     run: the embedded database in .data/postgres, used as it is if Ent is running);
#                                     prints the summary and the rejected entries; non-zero exit code when refused
#   dotnet pwsh ./build.ps1 rentree <dossier|zip>
#                                     the same for the new school year's full export: feeds the next school year
#                                     (new classes, groups, services), the current year's stay as they are
#   dotnet pwsh ./build.ps1 bench [--dossier .data/region] [--duree 20] [--connexions 32] [--scenarios abcdefgm] …
#                                     Ent (Release) against its raw baseline with wrk on loopback, real tokens of
#                                     many seeded users; appends the figures to bench/results/<date>.md
#
# Missing prerequisites (PostgreSQL server binaries, Node.js, Chromium) are installed with apt-get on Debian/Ubuntu
# when running as root; otherwise the exact command to run is printed.
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('run', 'test', 'openapi', 'seed-region', 'bench', 'import-aaf', 'rentree')]
    [string] $Target = 'run',

    # The seed-region and bench tools' own options, passed as they are (--etablissements 470, --connexion "…").
    [Parameter(Position = 1, ValueFromRemainingArguments)]
    [string[]] $Arguments = @()
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = $PSScriptRoot
$ClientApp = Join-Path $Root 'client-app'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Write-Step([string] $Text) { Write-Host "==> $Text" -ForegroundColor Cyan }

# Runs a program and stops the build when it fails.
function Invoke-Native([string] $File, [string[]] $Arguments, [string] $WorkingDirectory = $Root) {
    Push-Location $WorkingDirectory
    try {
        & $File @Arguments
        if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') a échoué (code $LASTEXITCODE)." }
    }
    finally { Pop-Location }
}

function Test-Root { return $IsLinux -and ((& id -u) -eq '0') }

# Installs Debian packages when we may, or says exactly what to run.
function Install-Packages([string[]] $Packages, [string] $Why) {
    if ($Packages.Count -eq 0) { return }
    $command = "apt-get install -y --no-install-recommends $($Packages -join ' ')"
    if ((Test-Root) -and (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        Write-Step "Installation de $($Packages -join ', ') ($Why)"
        $env:DEBIAN_FRONTEND = 'noninteractive'
        Invoke-Native 'apt-get' @('update', '-qq')
        Invoke-Native 'apt-get' (@('install', '-y', '-qq', '--no-install-recommends') + $Packages)
        return
    }
    throw "Il manque $($Packages -join ', ') ($Why). Installez-les : sudo $command"
}

function Test-PostgresBinaries {
    if (Get-Command initdb -ErrorAction SilentlyContinue) { return $true }
    return [bool](Get-ChildItem '/usr/lib/postgresql/*/bin/initdb' -ErrorAction SilentlyContinue)
}

function Assert-Prerequisites([switch] $Browser) {
    $missing = @()
    if (-not (Test-PostgresBinaries)) { $missing += 'postgresql' }
    $node = Get-Command node -ErrorAction SilentlyContinue
    if (-not $node) { $missing += @('nodejs', 'npm') }
    if ($Browser -and -not (Get-Command chromium -ErrorAction SilentlyContinue)) { $missing += @('chromium', 'fonts-dejavu-core') }
    # The reverse-proxy tests start their own nginx on loopback.
    if ($Browser -and -not ((Get-Command nginx -ErrorAction SilentlyContinue) -or (Test-Path '/usr/sbin/nginx'))) { $missing += 'nginx-light' }
    Install-Packages $missing 'nécessaires pour construire, lancer et tester Ent'

    $version = [version]((& node --version).TrimStart('v'))
    if ($version -lt [version]'20.19') {
        throw "Node.js $version est trop ancien : l'application web demande Node.js 20.19 ou plus récent."
    }
}

# npm ci when node_modules was not installed from this very package-lock.json, then a build into client-app/dist.
function Build-Spa {
    $lockHash = (Get-FileHash (Join-Path $ClientApp 'package-lock.json')).Hash
    $stamp = Join-Path $ClientApp 'node_modules/.ent-package-lock.sha256'
    if (-not (Test-Path $stamp) -or (Get-Content $stamp -Raw).Trim() -ne $lockHash) {
        Write-Step 'Installation des paquets npm (npm ci)'
        Invoke-Native 'npm' @('ci', '--no-audit', '--no-fund', '--loglevel=error') $ClientApp
        Set-Content $stamp $lockHash
    }
    Write-Step "Construction de l'application web"
    Invoke-Native 'npm' @('run', 'build', '--silent') $ClientApp
}

function Get-FreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { return $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Invoke-Run {
    Assert-Prerequisites
    Build-Spa
    Write-Step 'Construction du serveur (Release)'
    Invoke-Native 'dotnet' @('build', (Join-Path $Root 'host/Ent.Host/Ent.Host.csproj'), '-c', 'Release', '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
    # The GAR is a national service: the demo runs beside a stand-in (WireMock.Net over mutual TLS, as in the end-to-end
    # tests) so that pupils and teachers see their textbooks. Without it (it failed to start), Ent runs with the GAR off.
    Write-Step 'Construction du GAR de démonstration'
    Invoke-Native 'dotnet' @('build', (Join-Path $Root 'tests/Ent.Gar.Bouchon/Ent.Gar.Bouchon.csproj'), '-c', 'Release', '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
    $garDossier = Join-Path $Root '.data/gar'
    Remove-Item -Recurse -Force $garDossier -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Force $garDossier | Out-Null
    $garPort = Get-FreePort
    $gar = Start-Process dotnet -ArgumentList @((Join-Path $Root 'tests/Ent.Gar.Bouchon/bin/Release/net10.0/Ent.Gar.Bouchon.dll'), $garPort, $garDossier) `
        -RedirectStandardOutput (Join-Path $Root '.data/gar.log') -RedirectStandardError (Join-Path $Root '.data/gar.err') -PassThru
    for ($i = 0; $i -lt 240 -and -not (Test-Path (Join-Path $garDossier 'pret')) -and -not $gar.HasExited; $i++) { Start-Sleep -Milliseconds 250 }
    $hostArgs = @((Join-Path $Root 'host/Ent.Host/bin/Release/net10.0/Ent.Host.dll'))
    if (Test-Path (Join-Path $garDossier 'pret')) {
        $hostArgs += @('--Ent:Gar:UrlWebService', "https://localhost:$garPort", '--Ent:Gar:CertificatClient', (Join-Path $garDossier 'client.p12'),
            '--Ent:Gar:MotDePasseCertificatClient', 'bouchon-gar', '--Ent:Gar:AutoriteServeur', (Join-Path $garDossier 'autorite.pem'))
    }
    else {
        Write-Warning "Le GAR de démonstration n'a pas démarré (voir .data/gar.err) : Ent démarre sans les manuels numériques."
    }

    Write-Host ''
    Write-Host '  Ent démarre sur http://localhost:5080 (base de données embarquée dans .data/postgres, lycée de démonstration).' -ForegroundColor Green
    Write-Host '  Comptes de démonstration : voir README.md. Ctrl+C pour arrêter.' -ForegroundColor Green
    Write-Host ''
    try {
        & dotnet @hostArgs
        $code = $LASTEXITCODE
    }
    finally {
        if (-not $gar.HasExited) { $gar.Kill($true) }
    }
    exit $code
}

function Invoke-OpenApi {
    Write-Step 'Génération de openapi/ent.json et du client TypeScript'
    Invoke-Native 'dotnet' @('build', (Join-Path $Root 'host/Ent.Host/Ent.Host.csproj'), '-p:EntGenerateOpenApi=true', '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
    Write-Host 'openapi/ent.json et client-app/src/api/ent-client.ts sont à jour.'
}

# Builds the seed tool in Release and runs it from the repository's root (its default cluster is .data/region there).
function Invoke-SeedRegion {
    if (-not ($Arguments -contains '--connexion') -and -not (Test-PostgresBinaries)) {
        Install-Packages @('postgresql') 'nécessaire pour la base embarquée de seed-region'
    }

    Write-Step "Construction de l'outil de données régionales (Release)"
    Invoke-Native 'dotnet' @('build', (Join-Path $Root 'tools/Ent.SeedRegion/Ent.SeedRegion.csproj'), '-c', 'Release', '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
    Push-Location $Root
    try { & dotnet (Join-Path $Root 'tools/Ent.SeedRegion/bin/Release/net10.0/Ent.SeedRegion.dll') @Arguments }
    finally { Pop-Location }
    exit $LASTEXITCODE
}

# Builds the host, the raw baseline and the bench tool in Release, then runs the benchmarks on the seeded database.
function Invoke-Bench {
    if (-not (Get-Command wrk -ErrorAction SilentlyContinue)) {
        Install-Packages @('wrk') 'le générateur de charge des benchmarks'
    }

    Write-Step "Construction de l'hôte, de la base de comparaison et des benchmarks (Release)"
    foreach ($projet in @('host/Ent.Host/Ent.Host.csproj', 'tools/Ent.Bench.Base/Ent.Bench.Base.csproj', 'tools/Ent.Bench/Ent.Bench.csproj',
            'tests/Ent.PasserelleSms.Bouchon/Ent.PasserelleSms.Bouchon.csproj')) {
        Invoke-Native 'dotnet' @('build', (Join-Path $Root $projet), '-c', 'Release', '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
    }

    Push-Location $Root
    try { & dotnet (Join-Path $Root 'tools/Ent.Bench/bin/Release/net10.0/Ent.Bench.dll') @Arguments }
    finally { Pop-Location }
    exit $LASTEXITCODE
}

# Builds the host (Release, as run does) and runs its import-aaf command from the repository's root, where run keeps its
# embedded database (.data/postgres). If Ent is running, the command uses its database cluster as it is.
function Invoke-ImportAaf([switch] $Rentree) {
    if ($Arguments.Count -lt 1) {
        throw "Donnez le dossier ou le fichier zip de l'export AAF : dotnet pwsh ./build.ps1 $Target <dossier|zip>"
    }
    $source = (Resolve-Path -LiteralPath $Arguments[0] -ErrorAction SilentlyContinue)
    if (-not $source) { throw "$($Arguments[0]) n'existe pas : donnez le dossier ou le fichier zip de l'export AAF." }
    if (-not $env:ConnectionStrings__Ent -and -not (Test-PostgresBinaries)) {
        Install-Packages @('postgresql') 'nécessaire pour la base de données embarquée'
    }

    Write-Step 'Construction du serveur (Release)'
    Invoke-Native 'dotnet' @('build', (Join-Path $Root 'host/Ent.Host/Ent.Host.csproj'), '-c', 'Release', '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
    $hostArgs = @((Join-Path $Root 'host/Ent.Host/bin/Release/net10.0/Ent.Host.dll'), 'import-aaf', $source.Path)
    if ($Rentree) { $hostArgs += '--rentree' }
    $hostArgs += @($Arguments | Select-Object -Skip 1)
    Push-Location $Root
    try { & dotnet @hostArgs }
    finally { Pop-Location }
    exit $LASTEXITCODE
}

# Each suite adds what it counted; a suite that could not run at all counts as one failure.
$Counts = [ordered]@{}
function Add-Count([string] $Suite, [int] $Passed, [int] $Failed, [double] $Seconds = -1) {
    $Counts[$Suite] = @{ Passed = $Passed; Failed = $Failed }
    $duree = $Seconds -ge 0 ? (" en {0:0} s" -f $Seconds) : ''
    Write-Host ("    {0} : {1} réussi(s), {2} échoué(s){3}" -f $Suite, $Passed, $Failed, $duree)
}

# Runs one suite and says how long it took: where the test run's time goes, for whoever makes it faster.
function Invoke-Timed([string] $Name, [scriptblock] $Suite) {
    $chrono = [Diagnostics.Stopwatch]::StartNew()
    & $Suite
    Write-Host ("    ({0} : {1:0} s)" -f $Name, $chrono.Elapsed.TotalSeconds)
}

function Invoke-DotnetTests([string] $Results) {
    Write-Step 'Tests .NET (PostgreSQL réel, hôte réel)'
    & dotnet test (Join-Path $Root 'Ent.sln') --no-build --nologo --logger 'trx' --logger 'console;verbosity=minimal' --results-directory $Results
    $files = @(Get-ChildItem $Results -Filter '*.trx' -ErrorAction SilentlyContinue)
    if ($files.Count -eq 0) { Add-Count 'dotnet test' 0 1; return }
    foreach ($file in $files) {
        # -LiteralPath: two runs finishing in the same second are named "…[1].trx", which -Path reads as a wildcard.
        $text = Get-Content -LiteralPath $file.FullName -Raw
        $c = ([xml] $text).TestRun.ResultSummary.Counters
        $name = $text -match 'storage="([^"]+)"' ? [IO.Path]::GetFileNameWithoutExtension($Matches[1]) : $file.Name
        $failed = [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted
        # A run that aborted (a crashed test host) counts as a failure even when it counted nothing.
        $outcome = ([xml] $text).TestRun.ResultSummary.outcome
        if ($failed -eq 0 -and $outcome -notin @('Completed', 'Passed')) { $failed = 1 }
        # The project's own test run, from its first test to its last (the projects run two at a time).
        $times = ([xml] $text).TestRun.Times
        $seconds = $times ? ([datetimeoffset]$times.finish - [datetimeoffset]$times.start).TotalSeconds : -1
        Add-Count $name ([int]$c.passed) $failed $seconds
    }
    if ($LASTEXITCODE -ne 0 -and ($Counts.Values | Where-Object { $_.Failed -gt 0 }).Count -eq 0) { Add-Count 'dotnet test (sortie)' 0 1 }
}

function Invoke-SpaUnitTests([string] $Results) {
    Write-Step "Tests unitaires de l'application web (Vitest)"
    $report = Join-Path $Results 'vitest.json'
    Push-Location $ClientApp
    try { & npx vitest run --reporter=default --reporter=json "--outputFile.json=$report" }
    finally { Pop-Location }
    if (-not (Test-Path $report)) { Add-Count 'vitest' 0 1; return }
    $json = Get-Content $report -Raw | ConvertFrom-Json
    Add-Count 'vitest' $json.numPassedTests ($json.numFailedTests + ($LASTEXITCODE -ne 0 -and $json.numFailedTests -eq 0 ? 1 : 0))
}

# The end-to-end tests drive Chromium against the real host: the built binary, its own embedded PostgreSQL in a
# temporary folder, the built SPA. The host is stopped with SIGTERM so that it stops its database too.
function Invoke-EndToEndTests([string] $Results) {
    Write-Step 'Tests de bout en bout (Chromium, hôte réel)'
    $port = Get-FreePort
    $data = Join-Path ([IO.Path]::GetTempPath()) "ent-e2e-$PID"
    $log = Join-Path $Results 'e2e-host.log'
    New-Item -ItemType Directory -Force $data | Out-Null
    # The SMS gateway is an outside service: a WireMock.Net stand-in receives the SMS, the tests read them back.
    $smsPort = Get-FreePort
    $sms = Start-Process dotnet -ArgumentList @((Join-Path $Root 'tests/Ent.PasserelleSms.Bouchon/bin/Debug/net10.0/Ent.PasserelleSms.Bouchon.dll'), $smsPort) `
        -WorkingDirectory $data -RedirectStandardOutput (Join-Path $Results 'e2e-sms.log') -RedirectStandardError (Join-Path $Results 'e2e-sms.err') -PassThru
    # EduConnect is one too: the .NET tests' EduConnectStub in a process of its own; the tests say who signs in next.
    $educonnectPort = Get-FreePort
    $educonnect = Start-Process dotnet -ArgumentList @((Join-Path $Root 'tests/Ent.EduConnect.Bouchon/bin/Debug/net10.0/Ent.EduConnect.Bouchon.dll'), $educonnectPort) `
        -WorkingDirectory $data -RedirectStandardOutput (Join-Path $Results 'e2e-educonnect.log') -RedirectStandardError (Join-Path $Results 'e2e-educonnect.err') -PassThru
    # The GAR's web service is one too: a WireMock.Net stand-in over mutual TLS, which makes its certificates and Ent's
    # client certificate in a folder of its own (the file « pret » written last).
    $garPort = Get-FreePort
    $garDossier = Join-Path $data 'gar'
    $gar = Start-Process dotnet -ArgumentList @((Join-Path $Root 'tests/Ent.Gar.Bouchon/bin/Debug/net10.0/Ent.Gar.Bouchon.dll'), $garPort, $garDossier) `
        -WorkingDirectory $data -RedirectStandardOutput (Join-Path $Results 'e2e-gar.log') -RedirectStandardError (Join-Path $Results 'e2e-gar.err') -PassThru
    for ($i = 0; $i -lt 240 -and -not (Test-Path (Join-Path $garDossier 'pret')); $i++) { Start-Sleep -Milliseconds 250 }
    # Quiet hours are off for the tests, which may run at night.
    $hostArgs = @((Join-Path $Root 'host/Ent.Host/bin/Debug/net10.0/Ent.Host.dll'), '--urls', "http://127.0.0.1:$port",
        '--Ent:Database:DataFolder', (Join-Path $data 'postgres'), '--Ent:Spa:Folder', (Join-Path $ClientApp 'dist'),
        '--Ent:UrlPublique', "http://127.0.0.1:$port", '--Ent:Sms:Url', "http://127.0.0.1:$smsPort/", '--Ent:Sms:Cle', 'cle-e2e',
        '--Ent:Acheminement:DebutHeuresCalmes', '0', '--Ent:Acheminement:FinHeuresCalmes', '0',
        # Web Push (issue 19): e2e/push.test.mjs starts its own push-service stand-in (web-push-testing) on http://localhost.
        '--Ent:Push:Actif', 'true', '--Ent:Push:Sujet', 'mailto:push@ent.invalid', '--Ent:Push:AutoriserHttpLocal', 'true',
        '--Ent:VieScolaire:Documents:Dossier', (Join-Path $data 'documents'),
        '--Ent:EduConnect:Authority', "http://127.0.0.1:$educonnectPort", '--Ent:EduConnect:ClientId', 'ent-educonnect',
        '--Ent:EduConnect:ClientSecret', 'secret-de-test-educonnect', '--Ent:EduConnect:RequireHttpsMetadata', 'false',
        '--Ent:Gar:UrlWebService', "https://localhost:$garPort", '--Ent:Gar:CertificatClient', (Join-Path $garDossier 'client.p12'),
        '--Ent:Gar:MotDePasseCertificatClient', 'bouchon-gar', '--Ent:Gar:AutoriteServeur', (Join-Path $garDossier 'autorite.pem'))
    $server = Start-Process dotnet -ArgumentList $hostArgs -WorkingDirectory $data -RedirectStandardOutput $log -RedirectStandardError "$log.err" -PassThru
    try {
        $ready = $false
        for ($i = 0; $i -lt 240 -and -not $server.HasExited; $i++) {
            try {
                if ((Invoke-WebRequest "http://127.0.0.1:$port/health/ready" -TimeoutSec 2 -SkipHttpErrorCheck).StatusCode -eq 200) { $ready = $true; break }
            }
            catch { }
            Start-Sleep -Milliseconds 250
        }
        if (-not $ready) {
            Get-Content $log, "$log.err" -ErrorAction SilentlyContinue | Write-Host
            Add-Count 'e2e' 0 1
            return
        }

        $env:ENT_BASE_URL = "http://127.0.0.1:$port"
        $env:ENT_SMS_URL = "http://127.0.0.1:$smsPort"
        $env:ENT_EDUCONNECT_URL = "http://127.0.0.1:$educonnectPort"
        $env:ENT_E2E_ARTIFACTS = Join-Path $ClientApp 'e2e/artifacts'
        Push-Location $ClientApp
        try { $output = & node --test --test-reporter=tap e2e/ 2>&1 | ForEach-Object { "$_" } }
        finally { Pop-Location }
        $output | Write-Host
        $passed = [int](($output | Select-String '^# pass (\d+)').Matches.Groups[1].Value)
        $failedLine = $output | Select-String '^# fail (\d+)'
        $failed = $failedLine ? [int]$failedLine.Matches.Groups[1].Value : 1
        Add-Count 'e2e' $passed ($failed + ($LASTEXITCODE -ne 0 -and $failed -eq 0 ? 1 : 0))
    }
    finally {
        if (-not $server.HasExited) {
            & kill -TERM $server.Id
            if (-not $server.WaitForExit(30000)) { $server.Kill($true) }
        }
        if (-not $sms.HasExited) { $sms.Kill($true) }
        if (-not $educonnect.HasExited) { $educonnect.Kill($true) }
        if (-not $gar.HasExited) { $gar.Kill($true) }
        Remove-Item -Recurse -Force $data -ErrorAction SilentlyContinue
    }
}

# Spectral (spectral:oas + OWASP API Security) on the committed document with the committed ruleset
# openapi/.spectral.yaml: one suite, passed when it reports no error and no warning (a rule the document cannot honour
# is turned off in the ruleset, with the reason beside it).
function Invoke-OpenApiLint([string] $Results) {
    Write-Step "Analyse du document OpenAPI (Spectral)"
    $report = Join-Path $Results 'spectral.json'
    Push-Location $ClientApp
    try { & npx spectral lint (Join-Path $Root 'openapi/ent.json') --ruleset (Join-Path $Root 'openapi/.spectral.yaml') --fail-severity warn --display-only-failures -f stylish -f json "--output.json=$report" }
    finally { Pop-Location }
    if (-not (Test-Path $report)) { Add-Count 'spectral' 0 1; return }
    $found = @(Get-Content $report -Raw | ConvertFrom-Json | Where-Object { $_.severity -le 1 })
    Add-Count 'spectral' ($found.Count -eq 0 -and $LASTEXITCODE -eq 0 ? 1 : 0) ($found.Count + ($found.Count -eq 0 -and $LASTEXITCODE -ne 0 ? 1 : 0))
}

function Invoke-Test {
    Assert-Prerequisites -Browser
    Build-Spa
    Invoke-Timed 'construction' {
        Write-Step 'Construction de la solution'
        Invoke-Native 'dotnet' @('build', (Join-Path $Root 'Ent.sln'), '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
    }

    $results = Join-Path $Root 'TestResults'
    Remove-Item -Recurse -Force $results -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Force $results | Out-Null

    Invoke-Timed 'tests .NET' { Invoke-DotnetTests $results }
    Invoke-Timed 'Spectral' { Invoke-OpenApiLint $results }
    Invoke-Timed 'Vitest' { Invoke-SpaUnitTests $results }
    Invoke-Timed 'e2e' { Invoke-EndToEndTests $results }

    $passed = ($Counts.Values | Measure-Object -Property Passed -Sum).Sum
    $failed = ($Counts.Values | Measure-Object -Property Failed -Sum).Sum
    Write-Host ''
    Write-Host "$passed passed, $failed failed"
    exit ($failed -eq 0 ? 0 : 1)
}

if ($Target -notin @('seed-region', 'bench', 'import-aaf', 'rentree') -and $Arguments.Count -gt 0) {
    throw "La cible $Target ne prend pas d'argument (reçu : $($Arguments -join ' '))."
}

switch ($Target) {
    'run' { Invoke-Run }
    'test' { Invoke-Test }
    'openapi' { Invoke-OpenApi }
    'seed-region' { Invoke-SeedRegion }
    'bench' { Invoke-Bench }
    'import-aaf' { Invoke-ImportAaf }
    'rentree' { Invoke-ImportAaf -Rentree }
}
