#!/usr/bin/env bash
# One canary step per run (env-cd's canary-step-per-run): a step that passed
# its analysis and is not the last keeps serving, and the run ends there; the
# next run, approved again, serves the next step.
#   in:  STEP (the step served), COUNT (the steps in all), SHARE (the share served, in percent)
#   out: held=true
set -euo pipefail
echo "held=true" >>"$GITHUB_OUTPUT"
message="canary step $STEP of $COUNT passed its analysis and keeps serving $SHARE%; run env-cd again (with the environment's approval) for step $((STEP + 1))"
echo "::notice::env-cd: $message"
printf '### Canary held at step %s of %s\n\n%s.\n' "$STEP" "$COUNT" "${message^}" >>"$GITHUB_STEP_SUMMARY"
