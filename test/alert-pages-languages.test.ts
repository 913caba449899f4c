/**
 * Sections inside an alert page read under the names teams really give
 * them: a resolution in Portuguese, Spanish, German, Italian or French (its
 * words with or without accents); the trigger criteria or the detection as
 * what the alert means; a classification, or levels that each say what they
 * do to users, as its impact; the actions of each alert family on a page for
 * several alerts as its mitigation; and a page cut off inside a code block
 * told what it lacks and why. Each beside the look-alike whose message is
 * right and stays. Every page here is written for the test.
 */

import {lintRunbook} from 'remark-preset-runbook/api'
import {describe, expect, it} from 'vitest'
import {describeMessage} from './helpers.js'

async function lintPage(path: string, text: string) {
  const file = await lintRunbook(text, {path})
  return {
    layout: file.data.runbookLayout?.template,
    messages: file.messages.map(describeMessage),
    expected: file.messages.map((message) => message.expected)
  }
}

interface Language {
  readonly name: string
  readonly page: string
  readonly meaning: string
  readonly impact: string
  readonly diagnosis: string
  readonly mitigation: string
  /** A section that is no mitigation: a list of links to read. */
  readonly aside: string
}

// Each page: what fires, what users lose, one check, one fix with a command.
const languages: ReadonlyArray<Language> = [
  {
    name: 'Portuguese',
    page: 'FilaFaturasAtrasada',
    meaning: '## Critérios de Disparo\n\nDispara quando a fila de faturas passa de 4000 mensagens por 10 minutos.',
    impact: '## Impacto\n\nOs clientes recebem as faturas com horas de atraso.',
    diagnosis: '## Diagnóstico\n\nVeja o tamanho da fila: `rabbitmqctl list_queues name messages`.',
    mitigation: '## Ações de Mitigação\n\n1. Reinicie o consumidor: `kubectl rollout restart deploy/faturas`.\n2. Se a fila seguir crescendo, aumente as réplicas para 6.',
    aside: '## Referências\n\n- A página da equipe de faturamento no wiki.'
  },
  {
    name: 'Portuguese (Resolução)',
    page: 'DiscoCheioBanco',
    meaning: '## Detecção\n\nO alerta dispara quando o disco do banco passa de 90%.',
    impact: '## Impacto\n\nO banco para de aceitar gravações e os pedidos falham.',
    diagnosis: '## Diagnóstico\n\nConfira o uso: `df -h /var/lib/postgresql`.',
    mitigation: '## Resolução\n\nApague os WAL arquivados antigos: `pg_archivecleanup /arquivo/wal 000000010000000A000000FF`.',
    aside: '## Histórico\n\nO alerta foi criado em 2025.'
  },
  {
    name: 'Spanish',
    page: 'ColaEnviosLlena',
    meaning: '## Disparadores\n\nSe dispara cuando la cola de envíos supera 4000 mensajes durante 10 minutos.',
    impact: '## Impacto\n\nLos clientes reciben la confirmación del envío con retraso.',
    diagnosis: '## Diagnóstico\n\nRevise la cola: `rabbitmqctl list_queues`.',
    mitigation: '## Solución\n\nReinicie el consumidor: `kubectl rollout restart deploy/envios`.',
    aside: '## Referencias\n\n- La página del equipo de envíos.'
  },
  {
    name: 'Spanish (Mitigación, no accents)',
    page: 'CertificadoVence',
    meaning: '## Deteccion\n\nLa alerta salta cuando el certificado del portal vence en menos de 7 días.',
    impact: '## Impacto\n\nAl vencer, los navegadores de los usuarios rechazan la conexión.',
    diagnosis: '## Diagnostico\n\nMire la fecha: `openssl x509 -noout -enddate -in portal.pem`.',
    mitigation: '## Mitigacion\n\nRenueve el certificado: `certbot renew --cert-name portal`.',
    aside: '## Notas\n\nEl portal lo mantiene el equipo web.'
  },
  {
    name: 'German',
    page: 'WarteschlangeVoll',
    meaning: '## Beschreibung\n\nDer Alarm wird ausgelöst, wenn mehr als 4000 Nachrichten in der Warteschlange liegen.',
    impact: '## Auswirkung\n\nKunden erhalten ihre Rechnungen verspätet.',
    diagnosis: '## Diagnose\n\nPrüfen Sie die Warteschlange: `rabbitmqctl list_queues`.',
    mitigation: '## Behebung\n\nStarten Sie den Verbraucher neu: `kubectl rollout restart deploy/rechnungen`.',
    aside: '## Verweise\n\n- Die Wiki-Seite des Teams.'
  },
  {
    name: 'German (Lösungen)',
    page: 'SpeicherFastVoll',
    meaning: '## Beschreibung\n\nDer Alarm wird ausgelöst, wenn ein Dateisystem zu mehr als 90 % belegt ist.',
    impact: '## Auswirkung\n\nDienste auf dem Knoten können keine Protokolle mehr schreiben.',
    diagnosis: '## Diagnose\n\nPrüfen Sie die Belegung: `df -h`.',
    mitigation: '## Lösungen\n\nLöschen Sie alte Protokolle: `journalctl --vacuum-size=500M`.',
    aside: '## Verweise\n\n- Die Wiki-Seite des Teams.'
  },
  {
    name: 'Italian',
    page: 'CodaNotificheLenta',
    meaning: "## Descrizione\n\nL'allarme scatta quando la coda supera 4000 messaggi per 10 minuti.",
    impact: '## Impatto\n\nGli utenti ricevono le notifiche in ritardo.',
    diagnosis: '## Diagnosi\n\nControllare la coda: `rabbitmqctl list_queues`.',
    mitigation: '## Risoluzione\n\nRiavviare il consumer: `kubectl rollout restart deploy/notifiche`.',
    aside: '## Riferimenti\n\n- La pagina del team nel wiki.'
  },
  {
    name: 'French (Remédiation, with cases)',
    page: 'CertificatPortailExpire',
    meaning: "## Détection\n\nL'alerte se déclenche quand le certificat du portail expire dans moins de 7 jours.",
    impact: '## Impact\n\nÀ son expiration, les navigateurs des clients refusent la connexion.',
    diagnosis: "## Diagnostic\n\nLisez la date d'expiration : `openssl x509 -noout -enddate -in portail.pem`.",
    mitigation:
      "## Remédiation\n\n### Cas 1 : le renouvellement automatique a échoué\n\nRelancez-le : `certbot renew --cert-name portail`.\n\n### Cas 2 : le secret n'est pas à jour\n\nSupprimez-le pour qu'il soit recréé : `kubectl delete secret portail-tls`.",
    aside: '## Annexes\n\nVoir aussi la page du portail.'
  },
  {
    name: 'French (Actions correctives)',
    page: 'FileCommandesBloquee',
    meaning: "## Détection\n\nL'alerte se déclenche quand aucun message n'est consommé depuis 15 minutes.",
    impact: '## Impact\n\nLes commandes des clients ne sont pas expédiées.',
    diagnosis: '## Diagnostic\n\nListez les consommateurs : `kubectl get pods -l app=consommateur`.',
    mitigation: '## Actions correctives\n\nRedémarrez les consommateurs : `kubectl rollout restart deploy/consommateur`.',
    aside: '## Annexes\n\nVoir aussi la page de la file.'
  }
]

describe('an alert page in another language: its resolution is the mitigation, its trigger criteria the meaning', () => {
  for (const language of languages) {
    const sections = (last: string) => [language.meaning, language.impact, language.diagnosis, last].join('\n\n')
    it(language.name, async () => {
      const {layout, messages} = await lintPage(`${language.page}.md`, `# ${language.page}\n\n${sections(language.mitigation)}\n`)
      expect(layout).toBe('alert')
      expect(messages).toEqual([])
    })

    it(`${language.name}: a page with no resolution is still told so`, async () => {
      const {messages} = await lintPage(`${language.page}.md`, `# ${language.page}\n\n${sections(language.aside)}\n`)
      expect(messages).toContainEqual(expect.stringMatching(/runbook-required-headings Missing required heading `## Mitigation`/))
    })
  }

  it('a page with neither a meaning nor trigger criteria is still asked for its meaning', async () => {
    const portuguese = languages[0]!
    const text = `# ${portuguese.page}\n\n${portuguese.diagnosis}\n\n${portuguese.mitigation}\n`
    expect((await lintPage(`${portuguese.page}.md`, text)).messages).toContainEqual(
      expect.stringMatching(/runbook-required-headings Missing required heading `## Meaning`/)
    )
  })
})

describe('a section that says when the alert fires is its meaning', () => {
  const rest =
    '## Impact\n\nCheckout requests fail for customers.\n\n## Diagnosis\n\nRead the gateway log: `kubectl logs deploy/gateway`.\n\n## Mitigation\n\nRoll back the last release: `helm rollback gateway`.\n'
  for (const title of ['Trigger', 'When this fires', 'Detection', 'Détection', 'Detecção', 'Detección', 'Critérios de Disparo', 'Disparadores']) {
    it(title, async () => {
      const text = `# GatewayErrors\n\n## ${title}\n\nMore than 5% of gateway requests answer 5xx for 10 minutes.\n\n${rest}`
      expect((await lintPage('GatewayErrors.md', text)).messages).toEqual([])
    })
  }
})

describe('the impact stated in a classification or in levels of the alert', () => {
  const end =
    "## Diagnostic\n\nLisez la date d'expiration : `openssl x509 -noout -enddate -in portail.pem`.\n\n## Résolution\n\nRenouvelez le certificat : `certbot renew --cert-name portail`.\n"
  const start = "# PortailCertificat\n\n## Détection\n\nL'alerte se déclenche quand le certificat du portail expire dans moins de 7 jours.\n\n"

  it('a classification that says what users lose', async () => {
    const text = `${start}## Classification\n\nSévérité : critique. À l'expiration, les navigateurs des clients refusent la connexion au portail.\n\n${end}`
    expect((await lintPage('PortailCertificat.md', text)).messages).toEqual([])
  })

  it('a classification as fields, one of them the impact', async () => {
    const text = `${start}## Classification\n\n- Sévérité : P1\n- Impact : les clients ne peuvent plus se connecter au portail.\n\n${end}`
    expect((await lintPage('PortailCertificat.md', text)).messages).toEqual([])
  })

  it('a classification that gives only a severity says no impact', async () => {
    const text = `${start}## Classification\n\nSévérité : P2\n\n${end}`
    expect((await lintPage('PortailCertificat.md', text)).messages).toEqual([
      '5:83 runbook-required-headings Missing required heading `## Impact`, expected it after `Détection`'
    ])
  })

  const levels = (critical: string, page: string) =>
    `# UploadVolumeFull\n\n## Meaning\n\nThe upload volume is filling up. The alert has three levels.\n\n## Escalation levels\n\n### Warning: above 80%\n\nPlan a clean-up during working hours.\n\n### Critical: above 90%\n\n${critical}\n\n### Page: above 97%\n\n${page}\n\n## Diagnosis\n\nFind the largest folders: \`du -sh /srv/uploads/* | sort -h | tail\`.\n\n## Mitigation\n\nMove last month's uploads to cold storage: \`rclone move /srv/uploads/2026-10 cold:uploads/2026-10\`.\n`

  it('levels that each say what they do to users', async () => {
    const {messages} = await lintPage('UploadVolumeFull.md', levels('Large uploads are rejected; small ones still go through.', 'Every upload fails and users see an error page.'))
    expect(messages.filter((message) => message.includes('runbook-required-headings'))).toEqual([])
  })

  it('levels that only say when to act still leave the impact unsaid', async () => {
    const {messages} = await lintPage('UploadVolumeFull.md', levels('Clean up within the day.', 'Clean up now.'))
    expect(messages).toContainEqual(expect.stringMatching(/runbook-required-headings Missing required heading `## Impact`/))
  })
})

describe('a page for several alerts: the actions of each family are its mitigation', () => {
  const page = (actions: [string, string]) =>
    `# Edge network alerts\n\n## Meaning\n\nThe edge network raises these alerts when links or load balancers misbehave.\n\n## Impact\n\nCustomers in the affected region cannot reach the site.\n\n## Alerts\n\n### Link alerts: EdgeLinkDown, EdgeLinkFlapping\n\nThe uplink of an edge router is down, or changes state more than five times in ten minutes.\n\n#### Actions to take\n\n${actions[0]}\n\n### Load balancer alerts: EdgeBalancerUnhealthy\n\nFewer than half of a balancer's backends pass their health check.\n\n#### Actions to take\n\n${actions[1]}\n`

  it('steps and named procedures under each family', async () => {
    const {layout, messages} = await lintPage(
      'edge-network.md',
      page([
        "1. Look at the router's interface counters on the Edge dashboard.\n2. Shift traffic away with the *Drain edge router* procedure.\n3. Open a ticket with the carrier (*Carrier escalation* procedure).",
        "- Look at the backends' health in the console.\n- Restart the unhealthy backends, or follow the *Backend replacement* procedure."
      ])
    )
    expect(layout).toBe('alert')
    expect(messages).toEqual([])
  })

  it('families whose actions are still to be written: no mitigation, no diagnosis', async () => {
    const {messages} = await lintPage('edge-network.md', page(['TODO: write the steps.', 'TODO: write the steps.']))
    expect(messages.filter((message) => message.includes('runbook-required-headings'))).toEqual([
      '9:56 runbook-required-headings Missing required heading `## Diagnosis`, expected it after `Impact`',
      '9:56 runbook-required-headings Missing required heading `## Mitigation`, expected it after `Impact`'
    ])
  })
})

describe('a page cut off inside a code block', () => {
  const start =
    "# OrdersQueueStalled\n\n## Detection\n\nNo message of the orders queue has been consumed for 15 minutes.\n\n## Impact\n\nCustomers' orders are not shipped.\n\n## Diagnosis\n\nRead the consumer's log:\n\n```sh\nkubectl logs deploy/orders-consumer --since=30m | grep -i error\n"

  it('is told that it has no mitigation, and why, once, with no quick fix', async () => {
    const {messages, expected} = await lintPage('OrdersQueueStalled.md', start)
    expect(messages).toEqual([
      '17:1 runbook-required-headings Missing required heading `## Mitigation`, expected it after `Diagnosis` (the code block that starts on line 15 is never closed: the rest of the page is inside it)'
    ])
    expect(expected).toEqual([undefined])
  })

  it('what the open block takes in is code: its stand-ins and its heading are no findings', async () => {
    const text = `${start}kubectl rollout restart deploy/<consumer>\n# TODO: add the database query\n\n## Mitigation\n\nTBD\n`
    expect((await lintPage('OrdersQueueStalled.md', text)).messages).toEqual([
      '23:1 runbook-required-headings Missing required heading `## Mitigation`, expected it after `Diagnosis` (the code block that starts on line 15 is never closed: the rest of the page is inside it)'
    ])
  })

  it('a closed block: the mitigation after it is read', async () => {
    const text = `${start}\`\`\`\n\n## Mitigation\n\nRestart the consumer: \`kubectl rollout restart deploy/orders-consumer\`.\n`
    expect((await lintPage('OrdersQueueStalled.md', text)).messages).toEqual([])
  })
})

describe('what breaks, said in another language in the first section, is the impact', () => {
  const end = (diagnosis: string, mitigation: string) => `${diagnosis}\n\n${mitigation}\n`
  const pages: Array<[string, string, string]> = [
    [
      'PagamentosRecusados',
      '## Critérios de Disparo\n\nMais de 5% dos pagamentos recusados em 10 minutos. Os clientes não conseguem finalizar a compra.',
      end('## Diagnóstico\n\nVeja o log do gateway: `kubectl logs deploy/gateway`.', '## Resolução\n\nDesfaça o último deploy: `kubectl rollout undo deploy/gateway`.')
    ],
    [
      'EscriturasFallidas',
      '## Descripción\n\nEl disco del nodo de base de datos está lleno: las escrituras fallan y los pedidos se pierden.',
      end('## Diagnóstico\n\nRevise el uso: `df -h`.', '## Solución\n\nBorre los registros antiguos: `find /var/log/db -mtime +7 -delete`.')
    ],
    [
      'ExpeditionBloquee',
      "## Détection\n\nAucun message n'est consommé depuis 15 minutes : les commandes ne sont pas expédiées.",
      end('## Diagnostic\n\nListez les consommateurs : `kubectl get pods -l app=expedition`.', '## Résolution\n\nRedémarrez-les : `kubectl rollout restart deploy/expedition`.')
    ],
    [
      'BestellungenStau',
      '## Beschreibung\n\nDer Verbraucher ist abgestürzt; Bestellungen werden nicht mehr verarbeitet.',
      end('## Diagnose\n\nLesen Sie das Protokoll: `kubectl logs deploy/bestellungen`.', '## Behebung\n\nStarten Sie ihn neu: `kubectl rollout restart deploy/bestellungen`.')
    ]
  ]
  for (const [page, first, rest] of pages) {
    it(page, async () => {
      const {layout, messages} = await lintPage(`${page}.md`, `# ${page}\n\n${first}\n\n${rest}`)
      expect(layout).toBe('alert')
      expect(messages).toEqual([])
    })
  }

  it('the condition the alert fires on is not what breaks: the impact is still asked for', async () => {
    const text = `# PedidosFallidos\n\n## Descripción\n\nLa alerta se dispara cuando los pedidos fallan más de un 5% en 10 minutos.\n\n${pages[1]![2]}`
    expect((await lintPage('PedidosFallidos.md', text)).messages).toEqual([
      '5:75 runbook-required-headings Missing required heading `## Impact`, expected it after `Descripción`'
    ])
  })
})

describe('a step written in another language is an action', () => {
  const page = (mitigation: string) =>
    `# PrimaryDbDown\n\n## Meaning\n\nThe primary database answers no health check.\n\n## Impact\n\nCustomers cannot check out.\n\n## Diagnosis\n\nCheck the primary: \`pg_isready -h db1\`.\n\n## Mitigation\n\n${mitigation}\n`
  for (const mitigation of [
    'Suivez la procédure de bascule du manuel DBA.',
    'Redémarrer le service de base de données.',
    'Siga o procedimento de failover do manual do DBA.',
    'Reinicie el servicio y espere cinco minutos.',
    'Führen Sie das Failover-Verfahren aus dem DBA-Handbuch durch.',
    'Riavviare il servizio del database.',
    "Si la réplique est à jour, il faut la promouvoir.",
    'Aguarde 10 minutos: o alerta se resolve sozinho.',
    'Aucune action n’est nécessaire pendant la sauvegarde nocturne.'
  ]) {
    it(mitigation, async () => {
      expect((await lintPage('PrimaryDbDown.md', page(mitigation))).messages).toEqual([])
    })
  }

  for (const [mitigation, what] of [
    ['La base de données est critique pour l’entreprise.', 'without an action'],
    ['Contactez l’équipe base de données.', 'that only says whom to notify'],
    ['Avise o time de banco de dados no Slack.', 'that only says whom to notify']
  ]) {
    it(`${mitigation}: still told so`, async () => {
      expect((await lintPage('PrimaryDbDown.md', page(mitigation))).messages).toEqual([
        `15:1-15:14 runbook-alert-page Unexpected \`Mitigation\` ${what}, expected what the on-call engineer does: a step, a command, a query, a link or a decision`
      ])
    })
  }
})

describe('checks and fixes in another language, written in one section, do both jobs', () => {
  const start = '# ColaPedidosLlena\n\n## Descripción\n\nLa cola de pedidos supera 5000 mensajes: los clientes no pueden confirmar sus pedidos.\n\n'
  it('a solution that starts with a check is the diagnosis too', async () => {
    const text = `${start}## Solución\n\n1. Revise los registros del consumidor: \`kubectl logs deploy/pedidos\`.\n2. Reinicie el consumidor: \`kubectl rollout restart deploy/pedidos\`.\n`
    expect((await lintPage('ColaPedidosLlena.md', text)).messages).toEqual([])
  })

  it('a diagnosis that ends with a fix is the mitigation too', async () => {
    const text = `${start}## Diagnóstico\n\n1. Revise los registros del consumidor: \`kubectl logs deploy/pedidos\`.\n2. Reinicie el consumidor si está bloqueado.\n`
    expect((await lintPage('ColaPedidosLlena.md', text)).messages).toEqual([])
  })

  it('a diagnosis of checks only: the mitigation is still asked for', async () => {
    const text = `${start}## Diagnóstico\n\n1. Revise los registros del consumidor: \`kubectl logs deploy/pedidos\`.\n2. Mire el panel de la cola en Grafana.\n`
    expect((await lintPage('ColaPedidosLlena.md', text)).messages).toEqual([
      '11:1 runbook-required-headings Missing required heading `## Mitigation`, expected it after `Diagnóstico`'
    ])
  })
})

describe('levels of one alert, each a section of its own, state the impact', () => {
  const page = (critical: string, emergency: string) =>
    `# UploadVolumeFilling\n\nThe upload volume of the media service is filling up; the alert has three levels.\n\n## Warning: above 80%\n\nPlan a clean-up during working hours.\n\n## Critical: above 90%\n\n${critical}\n\n## Emergency: above 97%\n\n${emergency}\n\n## Diagnosis\n\nFind the largest folders: \`du -sh /srv/uploads/* | sort -h | tail\`.\n\n## Mitigation\n\nMove last month's uploads to cold storage: \`rclone move /srv/uploads/2026-10 cold:uploads/2026-10\`.\n`

  it('a level that says what users lose', async () => {
    expect((await lintPage('UploadVolumeFilling.md', page('Uploads of large files are rejected.', 'Every upload fails and users see an error page.'))).messages).toEqual([])
  })

  it('levels that only say when to act: the impact is still asked for', async () => {
    expect((await lintPage('UploadVolumeFilling.md', page('Clean up within the day.', 'Clean up now.'))).messages).toEqual([
      '17:1 runbook-required-headings Missing required heading `## Impact`, expected it before `Diagnosis`'
    ])
  })
})

describe('a goal set for the resolution is no resolution', () => {
  const start =
    "# PortailIndisponible\n\n## Détection\n\nLa disponibilité du portail passe sous 99,9 % sur 5 minutes.\n\n## Classification\n\n- **Sévérité** : SEV-1\n- **Impact** : le portail est inaccessible pour les clients.\n\n"
  const diagnosis = '## Procédure de diagnostic\n\nVérifiez l’état des instances : `aws elasticbeanstalk describe-environment-health --environment-name portail`.\n'
  for (const title of ['Objectif de résolution', 'Resolution target', 'Objetivo de resolución', 'MTTR goal']) {
    it(`${title}: the mitigation is still asked for`, async () => {
      const text = `${start}## ${title}\n\n- Rétablir le service en moins de 30 minutes.\n\n${diagnosis}`
      expect((await lintPage('PortailIndisponible.md', text)).messages).toEqual([
        '19:1 runbook-required-headings Missing required heading `## Mitigation`, expected it after `Procédure de diagnostic`'
      ])
    })
  }

  it('beside a resolution of its own, nothing is missing', async () => {
    const text = `${start}## Objectif de résolution\n\n- Rétablir le service en moins de 30 minutes.\n\n${diagnosis}\n## Résolution\n\nRedémarrez l’environnement : \`aws elasticbeanstalk restart-app-server --environment-name portail\`.\n`
    expect((await lintPage('PortailIndisponible.md', text)).messages).toEqual([])
  })
})

describe("a folder's own page is named after the folder, not an alert", () => {
  const page = (title: string) =>
    `# ${title}\n\n## Meaning\n\nThe storage alerts fire when a volume fills up or a replica falls behind.\n\n## Impact\n\nWrites fail once a volume is full.\n\n## Diagnosis\n\nList the volumes: \`kubectl get pvc -A\`.\n\n## Mitigation\n\nGrow the volume: \`kubectl patch pvc data -p '{"spec":{"resources":{"requests":{"storage":"200Gi"}}}}'\`.\n`
  for (const path of ['README.md', 'alerts/storage/index.md', 'content/storage/_index.md']) {
    it(path, async () => {
      expect((await lintPage(path, page('Storage alerts'))).messages).toEqual([])
    })
  }

  it('a page named after an alert is still told that its title names another', async () => {
    expect((await lintPage('VolumeFull.md', page('Storage alerts'))).messages).toEqual([
      '1:1-1:17 runbook-alert-page Unexpected title `Storage alerts` on a page named after `VolumeFull`, expected the name of one alert in both'
    ])
  })
})

describe('what the alert means, said in another section, is its meaning', () => {
  const page = (impact: string) =>
    `# ApiErrorBudgetBurn\n\n## Impact\n\n${impact}\n\n## Diagnosis\n\nWhen the alert fires, open the API dashboard and look at the error ratio per route.\n\n## Mitigation\n\nRoll back the last release: \`helm rollback api\`.\n`
  for (const impact of [
    'Clients may get errors from the API.\n\nThis alert essentially means that more requests fail than the error budget allows.',
    "Les clients reçoivent des erreurs. L'alerte se déclenche quand plus de 1 % des requêtes échouent.",
    'Los clientes reciben errores: la alerta se dispara cuando fallan más del 1 % de las peticiones.'
  ]) {
    it(impact.slice(0, 40), async () => {
      expect((await lintPage('ApiErrorBudgetBurn.md', page(impact))).messages).toEqual([])
    })
  }

  it('a check to make when the alert fires says nothing of what it means', async () => {
    expect((await lintPage('ApiErrorBudgetBurn.md', page('Clients may get errors from the API.'))).messages).toEqual([
      '3:1 runbook-required-headings Missing required heading `## Meaning`, expected it before `Impact`'
    ])
  })
})

describe('more names teams give the mitigation and the checks', () => {
  const page = (diagnosis: string, mitigation: string) =>
    `# ReplicaLagHigh\n\n## Meaning\n\nA database replica is more than 60 seconds behind its primary.\n\n## Impact\n\nReports read stale data.\n\n## ${diagnosis}\n\nCompare the replica's position: \`psql -c 'select pg_last_wal_replay_lsn()'\`.\n\n## ${mitigation}\n\nRestart the replica: \`systemctl restart postgresql\`.\n`
  for (const [diagnosis, mitigation] of [
    ['Diagnosis', 'How to handle'],
    ['Diagnosis', 'Restoring service'],
    ['Diagnosis', 'What should I do?'],
    ['Vérifications', 'Dépannage'],
    ['Chequeos inmediatos', 'Contención'],
    ['Verificações', 'Intervenção'],
    ['Überprüfung', 'Fehlerbehandlung']
  ]) {
    it(`${diagnosis} / ${mitigation}`, async () => {
      expect((await lintPage('ReplicaLagHigh.md', page(diagnosis!, mitigation!))).messages).toEqual([])
    })
  }

  it('a backup and its restore are no mitigation', async () => {
    const text = page('Diagnosis', 'Backup and restore').replace('Restart the replica: `systemctl restart postgresql`.', 'The replicas are backed up nightly to the archive bucket.')
    expect((await lintPage('ReplicaLagHigh.md', text)).messages).toContainEqual(
      expect.stringMatching(/runbook-required-headings Missing required heading `## Mitigation`/)
    )
  })
})

describe('a numbered procedure that checks and acts is the diagnosis and the mitigation', () => {
  // Title, what fires, what users lose, then one procedure: checks, then an immediate fix.
  const procedures: ReadonlyArray<[string, string]> = [
    [
      'Portuguese',
      '# FilaPedidosAtrasada\n\n## Descrição\n\nEste alerta dispara quando a fila de pedidos passa de dez mil mensagens por quinze minutos.\n\n## Impacto\n\nOs clientes recebem a confirmação dos pedidos com atraso.\n\n' +
        '## Procedimento\n\n1. Verifique no painel da fila quantos consumidores estão ativos.\n2. Consulte os logs do consumidor: `kubectl logs deploy/pedidos --since=30m`.\n3. Mitigação imediata: reinicie os consumidores com `kubectl rollout restart deploy/pedidos`.\n'
    ],
    [
      'Portuguese, plural',
      '# FilaPedidosAtrasada\n\n## Descrição\n\nEste alerta dispara quando a fila de pedidos passa de dez mil mensagens por quinze minutos.\n\n## Impacto\n\nOs clientes recebem a confirmação dos pedidos com atraso.\n\n' +
        '## Procedimentos\n\n1. Confira no painel da fila quantos consumidores estão ativos.\n2. **Mitigação imediata**\n   - Reinicie os consumidores: `kubectl rollout restart deploy/pedidos`.\n'
    ],
    [
      'Spanish',
      '# ColaFacturasRetrasada\n\n## Descripción\n\nLa alerta se dispara cuando la cola de facturas supera las cinco mil entradas durante diez minutos.\n\n## Impacto\n\nLos clientes reciben sus facturas tarde.\n\n' +
        '## Procedimiento\n\n1. Revisar el panel de la cola y contar los consumidores activos.\n2. Mitigación inmediata: reiniciar los consumidores con `kubectl rollout restart deploy/facturas`.\n'
    ],
    [
      'French',
      "# FileFacturesEnRetard\n\n## Description\n\nL'alerte se déclenche quand la file des factures dépasse cinq mille messages pendant dix minutes.\n\n## Impact\n\nLes clients reçoivent leurs factures en retard.\n\n" +
        '## Procédure\n\n1. Vérifier le tableau de bord de la file.\n2. Atténuation immédiate : redémarrer les consommateurs avec `kubectl rollout restart deploy/factures`.\n'
    ],
    [
      'German',
      '# RechnungsWarteschlangeVoll\n\n## Beschreibung\n\nDer Alarm wird ausgelöst, wenn die Warteschlange zehn Minuten lang mehr als fünftausend Einträge hat.\n\n## Auswirkung\n\nKunden erhalten ihre Rechnungen verspätet.\n\n' +
        '## Vorgehen\n\n1. Prüfen, wie viele Verbraucher im Dashboard aktiv sind.\n2. Sofortmaßnahme: die Verbraucher mit `kubectl rollout restart deploy/rechnungen` neu starten.\n'
    ],
    [
      'Italian',
      "# CodaFattureInRitardo\n\n## Descrizione\n\nL'allarme scatta quando la coda delle fatture supera cinquemila messaggi per dieci minuti.\n\n## Impatto\n\nI clienti ricevono le fatture in ritardo.\n\n" +
        '## Procedura\n\n1. Verificare nel pannello quanti consumatori sono attivi.\n2. Mitigazione immediata: riavviare i consumatori con `kubectl rollout restart deploy/fatture`.\n'
    ]
  ]
  for (const [language, text] of procedures) {
    it(`${language}: nothing is missing`, async () => {
      const {layout, messages} = await lintPage(`${text.slice(2, text.indexOf('\n'))}.md`, text)
      expect(layout).toBe('alert')
      expect(messages).toEqual([])
    })
  }

  it('a procedure that only acts still lacks the checks', async () => {
    const text = procedures[0]![1].replace(/1\. Verifique[^\n]*\n2\. Consulte[^\n]*\n3\. /, '1. ')
    expect(text).not.toMatch(/Verifique|Consulte/)
    expect((await lintPage('FilaPedidosAtrasada.md', text)).messages).toEqual([
      '9:58 runbook-required-headings Missing required heading `## Diagnosis`, expected it after `Impacto`'
    ])
  })

  it('a service runbook with a chapter of procedures is no alert page', async () => {
    const text =
      '# Serviço de faturas\n\n## Arquitetura\n\nO serviço lê pedidos da fila e gera faturas em PDF.\n\n## Implantação\n\nImplantamos pelo pipeline a cada merge.\n\n' +
      '## Procedimentos\n\n1. Verifique o painel antes de cada implantação.\n2. Reinicie os workers depois dela.\n\n## Backup\n\nO banco é copiado toda noite.\n'
    expect((await lintPage('servico-faturas.md', text)).layout).not.toBe('alert')
  })
})

describe('a file named in capitals only is a document, not an alert', () => {
  const page = '# Weekly operations report\n\n## Summary\n\nThe queue alerts fired twice this week; users saw late notifications.\n\n## Diagnosis\n\nLook at the consumer lag graph for a stuck partition.\n\n## Mitigation\n\nRestart the consumer: `kubectl rollout restart deploy/consumer`.\n'
  it('WEEKLY_OPS_REPORT.md: its title is not checked against its name', async () => {
    expect((await lintPage('WEEKLY_OPS_REPORT.md', page)).messages).toEqual([])
  })

  it('WeeklyOpsReport.md: a name in words run together is an alert’s, and its title is checked', async () => {
    expect((await lintPage('WeeklyOpsReport.md', page)).messages).toEqual([
      '1:1-1:27 runbook-alert-page Unexpected title `Weekly operations report` on a page named after `WeeklyOpsReport`, expected the name of one alert in both'
    ])
  })
})

describe('a site page for one family of alerts: overview table, example alerts, actions to take', () => {
  // No level-1 heading: the site takes the title from the front matter.
  const familyPage = (actions: string, meaning = 'The indexer is more than an hour behind, so users do not find the documents added since') =>
    '---\ntitle: Search indexer alerts\n---\n\n| Alert | What it means | Runbook |\n| ----- | ------------- | ------- |\n' +
    `| SearchIndexerLagging | ${meaning} | [Actions](#actions-to-take) |\n| SearchIndexerDown | No indexer pod has reported for five minutes | [Actions](#actions-to-take) |\n\n` +
    '## Example alerts\n\n- `SearchIndexerLagging` firing for `production`\n\n' +
    `## Actions to take\n\n${actions}\n\n` +
    '## Escalation Policy\n\nAsk #search-team on Slack in office hours; out of hours, page the search on-call.\n'
  const checksAndFix =
    '- The indexer\n  - Read the indexer logs in Loki, filtered on `level=error`.\n  - Watch the documents-per-second panel for a minute.\n' +
    '- The database\n  - Ensure the replica it reads from is up: `pg_isready -h replica`.\n' +
    '- When the cause is known\n  - Restart the indexer: `kubectl -n search rollout restart deploy/indexer`.'

  it('actions that read, watch and ensure, then act, are the diagnosis and the mitigation; the table is the meaning and says the impact', async () => {
    const {layout, messages} = await lintPage('search-indexer-alerts.md', familyPage(checksAndFix))
    expect(layout).toBe('alert')
    expect(messages).toEqual([])
  })

  it('actions that only act still lack the checks', async () => {
    const {messages} = await lintPage('search-indexer-alerts.md', familyPage('- Restart the indexer: `kubectl -n search rollout restart deploy/indexer`.\n- Scale it to three replicas if it lags again.'))
    expect(messages).toEqual(['14:1 runbook-required-headings Missing required heading `## Diagnosis`, expected it before `Actions to take`'])
  })

  it('a table that says only what is measured still asks what users suffer', async () => {
    const {messages} = await lintPage('search-indexer-alerts.md', familyPage(checksAndFix, 'The indexer is more than an hour behind the database'))
    expect(messages).toEqual(['14:1 runbook-required-headings Missing required heading `## Impact`, expected it before `Actions to take`'])
  })
})
