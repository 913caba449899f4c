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
 * Teams title these sections in their own words (`Resolution procedures`,
 * `Immediate actions`, `Root cause analysis`, `Business impact`): each
 * section has a vocabulary, the words that say what a title is about
 * (`SectionDefinition.keywords`). `Symptoms` is what the on-call engineer
 * sees: the page's meaning, unless another section says what the alert
 * means, and then the first of the checks. The impact and the meaning may
 * be a labelled field in the alert's details (`**SLO impact:** …`).
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
  // A service's operations manual shares a few titles with an alert page
  // (`Overview`, `Troubleshooting`, `Recovery`) among many of its own: with
  // nothing naming an alert, most of a page's sections must be the layout's.
  maximumOwnShare: 0.5,
  fingerprints: alertFingerprints,
  // A service's runbook keeps these beside its troubleshooting: a title
  // with one of them is about the service, not about an alert.
  otherTopics: [
    'maintenance',
    'deployment',
    'backup',
    'backups',
    'architecture',
    'configuration',
    'security',
    'capacity',
    'scaling',
    'monitoring',
    'dashboards',
    'installation',
    'setup',
    'upgrade',
    'upgrades',
    'issue',
    'issues',
    'faq'
  ],
  // An alert page is short: a section kept under another (`### Impact` in
  // the alert's details) is where the team keeps it. Not the escalation: a
  // `### Support` under the mitigation is one more way to fix it.
  sections: [
    {
      title: 'Meaning',
      anywhere: true,
      purpose: 'what the alert means: what it measures and when it fires',
      answeredByField: true,
      answeredByLead: true,
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
        'Alert',
        'Alert details',
        'Alert information',
        'Alert info',
        'Alert definition',
        'Alert condition',
        'Context',
        'Problem',
        'Symptoms',
        'Síntomas',
        'Sintomas',
        'Symptômes',
        'Symptome',
        'What it looks like',
        'Observed behaviour',
        'Observed behavior'
      ],
      keywords: [
        'meaning',
        'means',
        'summary',
        'overview',
        'description',
        'explanation',
        'background',
        'context',
        // Pages in Spanish, Portuguese, French and German.
        'significado',
        'descripción',
        'descripcion',
        'resumen',
        'descrição',
        'resumo',
        'signification',
        'résumé',
        'bedeutung',
        'beschreibung',
        'zusammenfassung'
      ],
      weakKeywords: ['trigger', 'triggers', 'triggered', 'when it fires', 'detection', 'details', 'information', 'definition']
    },
    {
      title: 'Impact',
      anywhere: true,
      purpose: 'what users and the system suffer while the alert fires',
      answeredByField: true,
      // What users lose, said among the symptoms (`Users see 404 errors`,
      // `Alerts will be lost`): the page states its impact there.
      statedIn: {
        titles: [
          'Symptoms',
          'Symptom',
          'What it looks like',
          'Observed behaviour',
          'Observed behavior',
          'Síntomas',
          'Symptômes',
          'Symptome',
          'Meaning',
          'Description',
          'Alert description',
          'Summary',
          'Overview',
          'Alert details',
          'Alert information'
        ],
        words: [
          'user',
          'users',
          'customer',
          'customers',
          'client',
          'clients',
          'visitor',
          'visitors',
          'lost',
          'loss',
          'outage',
          'downtime',
          'unavailable',
          'unreachable',
          'inaccessible',
          'unable',
          'cannot',
          'slow',
          'slowness',
          'sluggish',
          'unresponsive',
          'degraded',
          'degradation',
          'timeouts',
          'stale',
          'delayed',
          'impact',
          'impacted',
          'affected',
          'usuarios',
          'clientes',
          'utilisateurs',
          'benutzer'
        ]
      },
      aliases: ['User impact', 'Customer impact', 'Business impact', 'Impact on users', 'Service impact', 'Consequences', 'Why it matters'],
      keywords: [
        'impact',
        'impacts',
        'consequence',
        'consequences',
        'criticality',
        'criticalness',
        'blast radius',
        'why it matters',
        'impacto',
        'consecuencias',
        'consequências',
        'conséquences',
        'auswirkung',
        'auswirkungen'
      ],
      explainedKeywords: ['severity', 'severities', 'severity levels']
    },
    {
      title: 'Diagnosis',
      anywhere: true,
      purpose: 'how to find the cause: the checks, commands, queries and dashboards to look at',
      actionable: true,
      aliases: [
        'Symptoms',
        'Síntomas',
        'Sintomas',
        'Symptômes',
        'Symptome',
        'What it looks like',
        'Observed behaviour',
        'Observed behavior',
        'Investigation',
        'Investigate',
        'Possible checks',
        'Checks',
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
      ],
      // `troubleshooting` is finding the cause and fixing it: a section
      // under that title stands for both, or for the one the page lacks.
      keywords: [
        'diagnosis',
        'diagnose',
        'diagnostic',
        'diagnostics',
        'investigation',
        'investigate',
        'investigating',
        'troubleshooting',
        'troubleshoot',
        'debug',
        'debugging',
        'triage',
        'cause',
        'causes',
        'analysis',
        'analyse',
        'analyze',
        'diagnóstico',
        'diagnostico',
        'investigación',
        'investigacion',
        'investigação',
        'causa',
        'causas',
        'análisis',
        'análise',
        'cause racine',
        'untersuchung',
        'ursache',
        'ursachen',
        'fehlersuche',
        'fehlerbehebung'
      ],
      weakKeywords: ['check', 'checks', 'checking', 'assessment', 'confirmation', 'confirm', 'identify', 'inspect', 'inspection']
    },
    {
      title: 'Mitigation',
      anywhere: true,
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
      ],
      keywords: [
        'mitigation',
        'mitigate',
        'mitigating',
        'resolution',
        'resolve',
        'resolving',
        'remediation',
        'remediate',
        'remedy',
        'fix',
        'fixes',
        'fixing',
        'solution',
        'solutions',
        'solve',
        'workaround',
        'recovery',
        'recover',
        'action',
        'actions',
        'response',
        'respond',
        'what to do',
        'troubleshooting',
        'troubleshoot',
        'mitigación',
        'mitigacion',
        'mitigação',
        'resolución',
        'resolucion',
        'resolução',
        'solución',
        'solucion',
        'solução',
        'remediación',
        'remediação',
        'atténuation',
        'remédiation',
        'behebung',
        'lösung',
        'maßnahmen',
        'fehlerbehebung'
      ],
      weakKeywords: ['step', 'steps', 'procedure', 'procedures', 'playbook', 'runbook']
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
      ],
      keywords: [
        'escalation',
        'escalations',
        'escalate',
        'contact',
        'contacts',
        'owner',
        'owners',
        'ownership',
        'who to call',
        'on call',
        'oncall',
        'escalado',
        'escalamiento',
        'escalación',
        'escalonamento',
        'contacto',
        'contato',
        'escalade',
        'eskalation',
        'kontakt'
      ]
    }
  ]
}
