#!/usr/bin/env bash
# The README's test command (`./tracker test`): sets up a fresh machine, builds, runs every test project, and
# prints one plain line "N passed, N failed". Exits non-zero when anything fails.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# 1. What later tests need from Debian: a real browser for end-to-end tests, poppler for PDF checks.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if ((${#missing[@]})); then
    echo "installing from Debian: ${missing[*]}" >&2
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo -n"
    if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
        echo "could not install ${missing[*]}: install them with apt-get and run again" >&2
        echo "0 passed, 1 failed"
        exit 1
    fi
fi

# 2. Restore and build once (warnings are errors).
if ! dotnet build MetaAiTracker.sln -c Release --nologo -v quiet; then
    echo "build failed" >&2
    echo "0 passed, 1 failed"
    exit 1
fi

# 3. Run every test project; count from the TRX files (dotnet test's own summary is per project).
RESULTS="$ROOT/TestResults"
rm -rf "$RESULTS"
dotnet test MetaAiTracker.sln -c Release --no-build --nologo --results-directory "$RESULTS" --logger "trx" "$@"
status=$?

passed=0; failed=0; total=0
for trx in "$RESULTS"/*.trx; do
    [[ -f "$trx" ]] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); total=$((total + ${t:-0}))
done
# A crashed test host writes no counters for its tests: count the run as failed rather than silently passing.
if ((status != 0 && failed == 0)); then failed=1; fi
if ((total == 0)); then failed=$((failed + 1)); fi
echo "$passed passed, $failed failed"
((failed == 0))
