/**
 * The `full` built-in template: the longer upstream layout of the "Run Book /
 * System Operation Manual" (its heading names are facts about that layout).
 * Purposes are in this project's own words. Sections it shares with the
 * default template take their aliases and purposes from there.
 *
 * The upstream template tells its users to remove the sections that do not
 * apply. So only what a team cannot operate without is required: the owner
 * and how to reach them, the dependencies, security and secrets, backup and
 * restore, monitoring and health checks, deployment, troubleshooting, and
 * failover and recovery. The rest is recommended: never an error by default
 * (the `required` option of `runbook-required-headings` makes any of it
 * required). A runbook with no overview at all (no business or technical
 * overview, and no text of the overview's own) is told so once: those two
 * describe the service (see `SectionDefinition.describes`).
 */

import {defaultTemplate} from './default-template.js'
import type {SectionDefinition, TemplateDefinition} from './template.js'

const base = new Map<string, SectionDefinition>()
for (const top of defaultTemplate.sections) {
  base.set(top.title, top)
  for (const child of top.sections ?? []) base.set(child.title, child)
}

/** A default section's definition, without its children, under another title if need be. */
function known(title: string, as = title): SectionDefinition {
  const {sections: _children, ...definition} = base.get(title)!
  return {...definition, title: as}
}

function section(title: string, purpose: string, topics: string[], sections?: SectionDefinition[]): SectionDefinition {
  return sections ? {title, purpose, topics, sections} : {title, purpose, topics}
}

/** A section that describes the service, as its siblings so marked do (see `SectionDefinition.describes`). */
function describes(definition: SectionDefinition): SectionDefinition {
  return {...definition, describes: true}
}

/** A section the layout recommends, with its subsections. */
function recommended(definition: SectionDefinition): SectionDefinition {
  return {...definition, recommended: true}
}

/** A section whose own text may answer its subsections (see `SectionDefinition.folds`). */
function folds(definition: SectionDefinition): SectionDefinition {
  return {...definition, folds: true}
}

export const fullTemplate: TemplateDefinition = {
  name: 'full',
  fingerprints: defaultTemplate.fingerprints ?? [],
  sections: [
    {
      ...known('Service or system overview'),
      sections: [
        recommended(describes(known('Business overview'))),
        recommended(describes(known('Technical overview'))),
        recommended(
          section('Service Level Agreements (SLAs)', 'the availability users and clients expect, and what is promised', ['sla', 'slo', 'service level', 'availability target'])
        ),
        known('Service owner'),
        known('Contributing applications, daemons, services, middleware')
      ]
    },
    recommended(
      section('System characteristics', 'how the system behaves in operation', ['characteristic'], [
        folds(
          section('Hours of operation', 'when the service must be available', ['hours', 'opening time', 'office hours', 'business hours', '24 7'], [
            section('Hours of operation - core features', 'the hours the core features must be available', ['core']),
            section('Hours of operation - secondary features', 'the hours the secondary features must be available', ['secondary'])
          ])
        ),
        section('Data and processing flows', 'how data flows through the system and what triggers it', ['data flow', 'processing', 'flow']),
        section('Infrastructure and network design', 'the servers, networks and their connections', ['infrastructure', 'network', 'topology', 'hosting', 'subnet', 'vpc']),
        section(
          'Resilience, Fault Tolerance (FT) and High Availability (HA)',
          'how the system copes with the failure of its parts',
          ['resilien', 'fault toleran', 'high availab', 'redundan']
        ),
        folds(
          section('Throttling and partial shutdown', 'how load can be reduced or parts switched off', ['throttl', 'rate limit', 'partial shutdown', 'load shedding'], [
            section('Throttling and partial shutdown - external requests', 'how to limit or stop requests from outside', ['external']),
            section('Throttling and partial shutdown - internal components', 'how to limit or stop internal components', ['internal'])
          ])
        ),
        folds(
          section('Expected traffic and load', 'the usual traffic and load, and their peaks', ['traffic', 'load', 'peak', 'volume', 'throughput'], [
            section('Hot or peak periods', 'when the load is highest', ['peak', 'hot', 'busiest']),
            section('Warm periods', 'when the load is moderate', ['warm', 'moderate']),
            section('Cool or quiet periods', 'when the load is lowest', ['quiet', 'cool', 'off peak', 'lowest'])
          ])
        ),
        section('Environmental differences', 'how the environments differ from production', ['environment', 'staging', 'non production', 'preprod']),
        section('Tools', 'the tools used to operate the system', ['tool'])
      ])
    ),
    recommended(
      folds(
        section('Required resources', 'the resources the system needs to run', ['resource', 'capacity', 'sizing'], [
          section('Required resources - compute', 'the compute the system needs', ['compute', 'cpu', 'memory', 'instance']),
          section('Required resources - storage', 'the storage the system needs', ['storage', 'disk', 'volume', 'bucket']),
          section('Required resources - database', 'the databases the system needs', ['database', 'db']),
          section('Required resources - metrics', 'what the metrics need', ['metric']),
          section('Required resources - logging', 'what the logging needs', ['logging', 'log']),
          section('Required resources - other', 'any other resources the system needs', ['other', 'bandwidth'])
        ])
      )
    ),
    {
      ...known('Security and access control'),
      sections: [
        known('Password and PII security'),
        recommended(section('Ongoing security checks', 'the security checks that run regularly', ['security check', 'scan', 'audit', 'penetration', 'pentest', 'vulnerabilit']))
      ]
    },
    {
      ...known('System configuration'),
      sections: [recommended(known('Configuration management')), known('Secrets management')]
    },
    {
      ...known('System backup and restore (Backup Management)', 'System backup and restore'),
      sections: [known('Backup requirements'), known('Backup procedures'), known('Restore procedures')]
    },
    {
      ...known('Monitoring and alerting'),
      sections: [
        recommended(section('Log aggregation solution', 'where logs are collected and how to search them', ['log aggregat', 'logging', 'log', 'kibana', 'elk', 'splunk', 'loki', 'papertrail'])),
        recommended(section('Log message format', 'what log messages look like', ['log format', 'message format', 'structured log'])),
        recommended(section('Events and error messages', 'the significant events and errors the system reports', ['event', 'error message', 'error code', 'exception'])),
        known('Metrics'),
        {
          ...known('Health checks'),
          folds: true,
          sections: [
            section('Health of dependencies', 'how the health of dependencies is checked', ['depend', 'downstream', 'upstream']),
            section('Health of service', 'how the service reports its own health', ['service health', 'own health'])
          ]
        }
      ]
    },
    {
      ...known('Operational tasks'),
      sections: [
        known('Deployment'),
        recommended(section('Batch processing', 'the batch jobs and how to run them', ['batch', 'cron', 'scheduled job'])),
        recommended(section('Power procedures', 'how to shut down and start the system safely', ['power', 'shutdown', 'shut down', 'start up', 'startup', 'reboot'])),
        recommended(section('Routine and sanity checks', 'the routine checks that the system is healthy', ['routine', 'sanity', 'daily check', 'smoke test'])),
        known('Troubleshooting')
      ]
    },
    recommended(
      section('Maintenance tasks', 'the regular maintenance of the system', ['maintenance', 'housekeeping'], [
        folds(
          section('Patching', 'how the system is patched', ['patch', 'upgrade'], [
            section('Normal patch cycle', 'the usual patching schedule', ['cycle', 'schedule', 'regular']),
            section('Zero-day vulnerabilities', 'how urgent security patches are applied', ['zero day', 'urgent', 'emergency', 'cve'])
          ])
        ),
        section('Daylight-saving time changes', 'what happens when clocks change', ['daylight', 'dst', 'clock change', 'timezone', 'time zone']),
        section('Data cleardown', 'which data is removed and when', ['cleardown', 'clear down', 'purge', 'deletion', 'clean up', 'cleanup']),
        section('Log rotation', 'how logs are rotated and kept', ['rotation', 'rotate', 'logrotate'])
      ])
    ),
    {
      ...section('Failover and Recovery procedures', 'how to fail over and recover', ['failover', 'fail over', 'recover', 'disaster', 'continuity'], [
        section('Failover', 'how to fail over to another instance or site', ['failover', 'fail over', 'standby', 'switchover']),
        {
          ...section('Recovery', 'how to recover after a failure', ['recover', 'disaster', 'rebuild']),
          aliases: ['Recovery procedures', 'Disaster recovery', 'Application Recovery Plan'],
          anywhere: true
        },
        recommended(
          section('Troubleshooting Failover and Recovery', 'how to diagnose failover and recovery problems', ['troubleshoot'])
        )
      ]),
      // The older upstream layout's name for the group. Teams keep it under
      // the operational tasks too, and often write it as one text.
      aliases: ['Failure and Recovery procedures', 'Failover and recovery', 'Failure and recovery', 'Disaster recovery procedures'],
      anywhere: true,
      folds: true
    }
  ]
}
