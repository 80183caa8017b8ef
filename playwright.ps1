#!/usr/bin/env pwsh
# The Playwright CLI for this solution (install, codegen, show-trace, ...), forwarded to the
# playwright.ps1 that the Microsoft.Playwright package puts beside the built harness, so the
# CLI always matches the Playwright version the code uses.
#
#   dotnet tool restore
#   dotnet pwsh playwright.ps1 show-trace artifacts/<test>/trace.zip
#   dotnet pwsh playwright.ps1 install chromium     # only where browser downloads work
param([Parameter(ValueFromRemainingArguments = $true)] [string[]] $PlaywrightArgs)

$ErrorActionPreference = 'Stop'
$project = Join-Path $PSScriptRoot 'simulator/BambuserCart.Cli/BambuserCart.Cli.csproj'
$output = Join-Path $PSScriptRoot 'simulator/BambuserCart.Cli/bin/Debug/net10.0'
$forward = Join-Path $output 'playwright.ps1'

if (-not (Test-Path $forward)) {
  Write-Host "Building $project once to get Playwright's CLI..."
  dotnet build $project --nologo -v quiet
  if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

& $forward @PlaywrightArgs
exit $LASTEXITCODE
