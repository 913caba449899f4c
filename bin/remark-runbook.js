#!/usr/bin/env node
// The `remark-runbook` command of the `remark-runbook` package, for the
// places that install this repository as a tool: the pre-commit hook and the
// GitHub Action.
import 'remark-runbook/cli'
