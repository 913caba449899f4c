/**
 * The built-in template: the shape of the "Run Book / System Operation Manual"
 * template (its section headings and field labels are facts about that
 * layout). The purposes are written in this project's own words; the
 * template's prompt and example sentences are not stored here (they are
 * recognised by fingerprints, see `fingerprints.ts`). Each section's
 * `topics` are its vocabulary, in this project's words: the words that say
 * a heading of the team's own, or a parent's text, is about it (see
 * `SectionDefinition.topics`).
 */

import {templateFingerprints} from './fingerprints.js'
import type {TemplateDefinition} from './template.js'

export const defaultTemplate: TemplateDefinition = {
  name: 'default',
  fingerprints: templateFingerprints,
  // Topic words in Russian too (`Обзор`, `Безопасность`, `Резервное
  // копирование`, `Мониторинг`): teams keep the template translated.
  sections: [
    {
      title: 'Service or system overview',
      purpose: 'the name of the service and what it is',
      topics: ['overview', 'introduction', 'summary', 'about the service', 'обзор'],
      aliases: ['Service overview', 'System overview', 'Overview of the service', 'Overview', 'About the service'],
      fields: [
        {
          label: 'Service or system name',
          aliases: ['Service name', 'System name', 'Name of the service'],
          purpose: 'the name of the service or system'
        }
      ],
      sections: [
        {
          title: 'Business overview',
          purpose: 'the business need this service meets and what is expected of it',
          topics: ['business', 'purpose', 'customer', 'what it does', 'stakeholder'],
          // The overview's own text often says it.
          foldable: true,
          aliases: ['Business context', 'Purpose', 'What it does', 'Description']
        },
        {
          title: 'Technical overview',
          purpose: 'what kind of system this is and what it is built with',
          topics: ['technical', 'architecture', 'tech stack', 'technolog', 'built with', 'implementation'],
          foldable: true,
          aliases: ['Technical context', 'Technical summary', 'Technical details', 'Architecture', 'How it works', 'Tech stack']
        },
        {
          title: 'Service owner',
          purpose: 'the team that owns this service and how to reach it',
          topics: ['owner', 'owns', 'owned', 'looks after', 'look after', 'maintainer', 'maintained by', 'supported by', 'delivered by', 'contact', 'escalat', 'on call', 'oncall', 'who to call', 'support team', 'team', 'responsib', 'владел'],
          owner: true,
          aliases: [
            'Owner',
            'Owners',
            'Ownership',
            'Service ownership',
            'System owner',
            'Team',
            'Contacts',
            'Contact details',
            'Contact',
            'Contact information',
            'Point of contact',
            'Points of contact',
            'Who to contact',
            'Owning team',
            'Support contacts',
            'Escalation contacts',
            'Owner and contacts',
            'Team and contacts'
          ]
        },
        {
          title: 'Contributing applications, daemons, services, middleware',
          purpose: 'the applications, services and external dependencies that make up the system',
          topics: ['depend', 'component', 'middleware', 'daemon', 'contributing', 'upstream', 'downstream', 'third party', 'applications and services', 'services and applications', 'external service', 'external system'],
          standalone: true,
          aliases: [
            'Contributing applications, daemons, and windows services',
            'Contributing applications',
            'Dependencies',
            'External dependencies',
            'Components',
            'System components',
            'Integrations'
          ]
        }
      ]
    },
    {
      title: 'Security and access control',
      purpose: 'how access to the service and its data is controlled',
      topics: ['securi', 'access', 'authenticat', 'authori', 'permission', 'iam', 'rbac', 'sso', 'firewall', 'безопасн'],
      aliases: ['Security', 'Access control', 'Security and access', 'Access management', 'Access'],
      sections: [
        {
          title: 'Password and PII security',
          purpose: 'how passwords are stored (which hash function) and how personal data is protected',
          topics: ['password', 'pii', 'personal', 'gdpr', 'privacy', 'sensitive data', 'passphrase', 'hash', 'hashed'],
          aliases: ['PII security', 'Password security', 'Passwords and PII', 'Password and PII', 'Data protection', 'Personal data', 'PII']
        }
      ]
    },
    {
      title: 'System configuration',
      purpose: 'how the system is configured',
      topics: ['configur', 'config', 'setting', 'environment variable', 'parameter', 'конфигурац'],
      aliases: ['Configuration'],
      sections: [
        {
          title: 'Configuration management',
          purpose: 'how configuration is managed and where it lives',
          topics: ['configur', 'config', 'setting', 'environment variable', 'feature flag', 'parameter'],
          // What the configuration section says is how configuration is managed.
          foldable: true,
          aliases: ['Config management', 'Configuration', 'Config', 'Settings', 'Environment variables']
        },
        {
          title: 'Secrets management',
          purpose: 'where secrets are kept and how they reach the service',
          topics: ['secret', 'credential', 'vault', 'kms', 'api key', 'keystore', 'key management', 'password manager'],
          aliases: ['Secret management', 'Secrets', 'Managing secrets', 'Credentials', 'Secrets and credentials']
        }
      ]
    },
    {
      title: 'System backup and restore (Backup Management)',
      purpose: 'what is backed up and how it is restored',
      topics: ['backup', 'back up', 'restor', 'snapshot', 'резервн'],
      aliases: ['Backup and restore', 'Backups and restores', 'Backup management', 'Backups'],
      oneTopic: true,
      // Asked of a runbook of its own layout only when the service keeps data
      // in a database: an integration or a stateless service has none to restore.
      ownLayouts: ['database', 'postgres', 'postgresql', 'mysql', 'mariadb', 'mongodb', 'mongo', 'rds', 'dynamodb', 'cassandra', 'sql server', 'oracle db'],
      sections: [
        {
          title: 'Backup requirements',
          purpose: 'which data needs a backup, or why none is needed',
          topics: ['retention', 'what to back up', 'what is backed up', 'need a backup'],
          aliases: ['What is backed up', 'What to back up']
        },
        {
          title: 'Backup procedures',
          purpose: 'how backups are taken and whether the service is affected',
          topics: ['backup', 'back up', 'snapshot', 'schedule', 'nightly', 'dump'],
          aliases: ['Backup procedure', 'Backup process', 'Taking a backup', 'Backup schedule', 'How backups are taken']
        },
        {
          title: 'Restore procedures',
          purpose: 'how data is restored from a backup and whether the service is affected',
          topics: ['restor', 'recover'],
          aliases: ['Restore procedure', 'Restore process', 'Restoring from backup', 'Restoring a backup', 'Restore', 'Restoring', 'How to restore']
        }
      ]
    },
    {
      title: 'Monitoring and alerting',
      purpose: 'how the service is monitored and who is alerted',
      topics: ['monitor', 'alert', 'alarm', 'observab', 'telemetry', 'cloudwatch', 'grafana', 'datadog', 'prometheus', 'new relic', 'pagerduty', 'opsgenie', 'nagios', 'zabbix', 'мониторинг', 'оповещен'],
      aliases: ['Monitoring', 'Monitoring and alerts', 'Alerting and monitoring', 'Observability', 'Alerting', 'Alerts', 'Telemetry'],
      // Every running service is watched: a runbook of its own layout too says how.
      ownLayouts: true,
      sections: [
        {
          title: 'Metrics',
          purpose: 'the metrics the service emits and where to see them',
          topics: ['metric', 'dashboard', 'graph', 'monitoring tool', 'grafana', 'prometheus', 'cloudwatch', 'datadog', 'new relic', 'newrelic', 'statsd', 'kpi'],
          aliases: ['Dashboards', 'Metrics and dashboards', 'Key metrics', 'Graphs']
        },
        {
          title: 'Health checks',
          purpose: 'how the health of the service and its dependencies is checked',
          topics: ['health', 'alarm', 'probe', 'liveness', 'readiness', 'heartbeat', 'uptime', 'ping', 'canary', 'synthetic', 'status check', 'status endpoint', 'status page'],
          aliases: ['Health check', 'Healthchecks', 'Health checking', 'Health endpoints', 'Health', 'Probes', 'Status checks']
        }
      ]
    },
    {
      title: 'Operational tasks',
      purpose: 'the routine operational tasks for this service',
      topics: ['operat', 'playbook', 'routine', 'day to day', 'incident', 'операцион', 'эксплуатац'],
      aliases: ['Operations', 'Operational procedures', 'Operating the service', 'Procedures', 'Operating procedures'],
      // How to deploy, recover and troubleshoot it: every runbook's core.
      ownLayouts: true,
      sections: [
        {
          title: 'Application Recovery Plan',
          purpose: 'how the application is brought back after a disaster',
          topics: ['recover', 'disaster', 'continuity', 'failover', 'fail over', 'rebuild'],
          // Teams keep recovery under the operational tasks, or in a group of
          // its own as the older upstream layout does (`Failure and Recovery
          // Procedures`, with `Failover` and `Recovery`).
          anywhere: true,
          aliases: [
            'Disaster recovery',
            'Disaster recovery plan',
            'Business continuity',
            'Recovery plan',
            'Recovery',
            'Recovery procedures',
            'Failover and recovery',
            'Failover and recovery procedures',
            'Failure and recovery',
            'Failure and recovery procedures'
          ]
        },
        {
          title: 'Deployment',
          purpose: 'how the software is deployed and rolled back',
          topics: ['deploy', 'release', 'rollout', 'roll out', 'rollback', 'roll back', 'pipeline', 'ci cd'],
          aliases: ['Deployments', 'Deploying', 'Deployment process', 'Release process', 'Releasing', 'Deploy', 'Releases', 'Rollout', 'Deployment and rollback']
        },
        {
          title: 'Troubleshooting',
          purpose: 'how to diagnose common problems and which tools to use',
          topics: ['troubleshoot', 'debug', 'diagnos', 'known issue', 'common issue', 'common problem', 'faq', 'when it breaks'],
          aliases: ['Troubleshooting guide', 'Debugging', 'Diagnosing problems', 'Common problems', 'Common issues', 'Known issues', 'When it breaks']
        }
      ]
    }
  ]
}
