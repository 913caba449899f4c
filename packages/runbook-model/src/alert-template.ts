/**
 * The `alert` built-in layout: a runbook page for one alert, named after it
 * (`KubeletDown.md`, titled `# KubeletDown`), as the largest public
 * collections write them (openshift/runbooks, prometheus-operator/runbooks,
 * the pages behind the `runbook_url` of Prometheus alerting rules): what the
 * alert means, what it does to users, how to find the cause and what to do.
 * The heading names are facts about that convention; the purposes are in
 * this project's own words, and so are the aliases, the titles teams give
 * the same sections (GitLab's Symptoms, Possible checks and Resolution,
 * GOV.UK's Description and Potential resolution steps).
 *
 * The on-call engineer acts on two sections: `Diagnosis` and `Mitigation`
 * must each give an action (see `SectionDefinition.actionable`).
 */

import {alertFingerprints} from './alert-fingerprints.js'
import type {TemplateDefinition} from './template.js'

export const alertTemplate: TemplateDefinition = {
  name: 'alert',
  namedAfterFile: true,
  // Two of Meaning, Impact, Diagnosis and Mitigation (or their aliases): a
  // guide or a service's readme has none of them.
  minimumShare: 0.5,
  fingerprints: alertFingerprints,
  sections: [
    {
      title: 'Meaning',
      purpose: 'what the alert means: what it measures and when it fires',
      aliases: [
        'Summary',
        'Description',
        'Alert description',
        'Overview',
        'Explanation',
        'What it means',
        'What this alert means',
        'What does this alert mean',
        'About this alert',
        'Alert details',
        'Context',
        'Problem'
      ]
    },
    {
      title: 'Impact',
      purpose: 'what users and the system suffer while the alert fires',
      aliases: ['User impact', 'Customer impact', 'Business impact', 'Impact on users', 'Service impact', 'Consequences', 'Why it matters']
    },
    {
      title: 'Diagnosis',
      purpose: 'how to find the cause: the checks, commands, queries and dashboards to look at',
      actionable: true,
      aliases: [
        'Symptoms',
        'Investigation',
        'Investigate',
        'Possible checks',
        'Checks',
        'Troubleshooting',
        'Troubleshoot',
        'Diagnose',
        'Debugging',
        'Triage',
        'How to investigate',
        'How to diagnose',
        'Possible causes',
        'Causes',
        'Steps to check',
        'Things to check',
        'What to check',
        'Investigation steps'
      ]
    },
    {
      title: 'Mitigation',
      purpose: 'what to do to end the impact: the steps, commands and decisions',
      actionable: true,
      aliases: [
        'Resolution',
        'Resolve',
        'Remediation',
        'Remedy',
        'Steps',
        'Fix',
        'How to fix',
        'Solution',
        'Solutions',
        'Actions',
        'Action',
        'Response',
        'Recovery',
        'What to do',
        'Next steps',
        'Procedure',
        'Runbook',
        'Resolution steps',
        'Remediation steps',
        'Mitigation steps',
        'Potential resolution steps',
        'Possible resolution steps',
        'Possible fixes',
        'Fixes',
        'How to resolve',
        'Workaround',
        'Workarounds'
      ]
    },
    {
      title: 'Escalation',
      purpose: 'who to call when the mitigation does not help, and how to reach them',
      optional: true,
      owner: true,
      aliases: [
        'Escalations',
        'Escalation path',
        'Escalation policy',
        'Contact',
        'Contacts',
        'Who to contact',
        'Point of contact',
        'Owner',
        'Owners',
        'Ownership',
        'Support'
      ]
    }
  ]
}
