/**
 * Stand-ins of unfilled templates that are not bracketed instructions:
 * numbers written with X for their digits, template variables (`${name}`,
 * `{{ name }}`), choice lists, decisions left open, a date's format for a
 * date, addresses on domains reserved for examples; and what stays quiet
 * beside them: real syntax (paths, commands, quoted alert text, Go
 * templates) and a docs site's marks after links.
 */

import {describe, expect, it} from 'vitest'
import {lint, messagesOf} from './helpers.js'

const rule = 'runbook-no-placeholders'

/** `line:column-line:column text` of each placeholder finding. */
async function standIns(text: string, gfm = false): Promise<string[]> {
  const file = await lint(text, {gfm})
  return file.messages
    .filter((message) => message.ruleId === rule)
    .map((message) => {
      const place = message.place as {start: {line: number; column: number}; end: {line: number; column: number}}
      const quoted = /`([^`]*)`/.exec(message.reason)?.[1] ?? message.reason
      return `${place.start.line}:${place.start.column}-${place.end.line}:${place.end.column} ${quoted}`
    })
}

/** A runbook whose one section says `body`, after a line of its own text. */
function page(body: string): string {
  return `# Billing API\n\n## Escalation\n\nThe payments team runs the billing service.\n\n${body}\n`
}

describe('a number written with X for its digits', () => {
  it('is one stand-in, whatever its groups and however it is written', async () => {
    expect(await standIns(page('Call the lead on +1-XXX-XXX-XXXX or the desk on 555-XXXX.'))).toEqual([
      '7:18-7:33 +1-XXX-XXX-XXXX',
      '7:49-7:57 555-XXXX'
    ])
    expect(await standIns(page('Phone: (XXX) XXX-XXXX, pager XXX.XXX.XXXX ext. XXX, fax +44 XXXX XXXXXX.'))).toEqual([
      '7:8-7:22 (XXX) XXX-XXXX',
      '7:30-7:51 XXX.XXX.XXXX ext. XXX',
      '7:57-7:72 +44 XXXX XXXXXX'
    ])
    expect(await standIns(page('Mobile xxx-xxx-xxxx; the bastion is 10.0.XXX.XXX.'))).toEqual([
      '7:8-7:20 xxx-xxx-xxxx',
      '7:37-7:49 10.0.XXX.XXX'
    ])
  })

  it('leaves a lone XXX a marker of its own, and real numbers and words alone', async () => {
    expect(await standIns(page('The XXX team owns it; set XXX 2024 aside.'))).toEqual(['7:5-7:8 XXX', '7:27-7:30 XXX'])
    expect(await standIns(page('Call +1-555-010-4477 or ext. 4411; the XXXL cache and XX-large pods.'))).toEqual([])
    expect(await standIns(page('Run `dial +1-XXX-XXX-XXXX` to test.\n\n```\ncall 555-XXXX\n```'))).toEqual([])
  })
})

describe('a bracketed mark after a link', () => {
  it('is the docs site’s, not a stand-in', async () => {
    const text = page(
      [
        'See the [Grafana board](https://grafana.acme.io/d/api) [external link], the',
        '[status page](https://status.acme.io) [↗], the [vendor docs](https://docs.acme.io)',
        '[opens in a new window] and the <https://wiki.acme.io/billing> [External].'
      ].join('\n')
    )
    expect(await standIns(text)).toEqual([])
    expect(await standIns(text, true)).toEqual([])
  })

  it('still reports a stand-in after a link, and the same words away from one', async () => {
    expect(
      await standIns(page('Ask in [Slack](https://slack.com) [#channel], see [the runbook](https://wiki.acme.io) [insert link] or [external link].'))
    ).toEqual(['7:35-7:45 [#channel]', '7:87-7:100 [insert link]', '7:104-7:119 [external link]'])
  })
})

describe('template variables', () => {
  it('are reported in prose, headings and tables', async () => {
    const text = [
      '# ${service_name} runbook',
      '',
      '## Escalation',
      '',
      'Owned by {{ team_name }}, reached on {{slack_channel}} and ${PAGER_ROUTE}.',
      '',
      '| Field | Value |',
      '| --- | --- |',
      '| Owner | {{owner}} |',
      ''
    ].join('\n')
    const expected = [
      '1:3-1:18 ${service_name}',
      '5:10-5:25 {{ team_name }}',
      '5:38-5:55 {{slack_channel}}',
      '5:60-5:74 ${PAGER_ROUTE}',
      '9:11-9:20 {{owner}}'
    ]
    expect(await standIns(text, true)).toEqual(expected)
    expect(await standIns(text)).toEqual(expected)
  })

  it('are real syntax in code, paths, commands, quoted alert text, Go templates and sentences about them', async () => {
    const text = page(
      [
        'Logs are in /var/log/${service}/app.log; run deploy --env ${environment} or `deploy ${service}`.',
        '',
        'The alert says "{{ $labels.instance }} is down" and reads {{ $value | humanize }} when {{ .Values.replicas }} pods run.',
        '',
        '> {{ $labels.job }} on {{ instance_name }} has been down for 5 minutes.',
        '',
        'The ${SITE} variable names the site; the environment variable ${AWS_PROFILE} picks the account.',
        '',
        '{{ range .items }}{{ end }}',
        '',
        '```sh',
        'helm upgrade ${release} ./chart --set image={{ image }}',
        '```'
      ].join('\n')
    )
    expect(await standIns(text)).toEqual([])
  })
})

describe('a page a site generator renders', () => {
  it('keeps the site\'s expressions: dotted paths anywhere, every `{{ }}` on a page with Liquid or Jinja tags', async () => {
    const dotted = page(
      [
        'Ask in [{{ site.data.teams.storage.channel }}]({{ site.data.teams.storage.link }}) first.',
        '',
        'Page {{ page.escalation.name }} when it is not back in 15 minutes.'
      ].join('\n')
    )
    expect(await standIns(dotted)).toEqual([])
    const captured = page(
      [
        '{% capture example_alert %}',
        'etcd backup failed on cluster c1',
        '{% endcapture %}',
        '',
        'The alert reads: {{ example_alert }}. Tell {{ team }} in the channel.',
        '',
        'Then fill ${runbook_owner} in.'
      ].join('\n')
    )
    // `${…}` is no Liquid expression: still a stand-in on a rendered page.
    expect(await standIns(captured)).toEqual(['13:11-13:27 ${runbook_owner}'])
  })

  it('still reports a bare name between braces on a page with no tags', async () => {
    expect(await standIns(page('Ask {{ team_name }} in {{ slack_channel }}.'))).toEqual([
      '7:5-7:20 {{ team_name }}',
      '7:24-7:43 {{ slack_channel }}'
    ])
  })
})

describe('choices and decisions left to the writer', () => {
  it('are reported: choice lists, decisions, and a bracketed name in the title', async () => {
    const text = [
      '# [AlertName]',
      '',
      '## Impact',
      '',
      'Severity: [critical | warning | info]. Fires when [ALERT_NAME] sees errors.',
      '',
      '**[DECISION REQUIRED: choose the failover region between the two sites we run, and write down why it was chosen]**',
      '',
      '| Field | Value |',
      '| --- | --- |',
      '| Priority | [P1 \\| P2 \\| P3] |',
      ''
    ].join('\n')
    const expected = [
      '1:3-1:14 [AlertName]',
      '5:11-5:38 [critical | warning | info]',
      '5:51-5:63 [ALERT_NAME]',
      '7:3-7:113 [DECISION REQUIRED: choose the failover region between the…',
      '11:14-11:30 [P1 | P2 | P3]'
    ]
    expect(await standIns(text, true)).toEqual(expected)
    expect(await standIns(text)).toEqual(expected)
  })

  it('leaves links, wiki links, tags and long notes alone', async () => {
    const text = page(
      [
        'See [Grafana | Prometheus](https://grafana.acme.io) and [[Runbooks|the runbook index]].',
        '',
        '[DEPRECATED] the v1 API; [PagerDuty] pages the on-call. [This note explains at length why the old queue was retired in favour of the stream]'
      ].join('\n')
    )
    expect(await standIns(text)).toEqual([])
  })
})

describe('a date’s format for a date', () => {
  it('is reported as the value of a label, in the page’s lead too', async () => {
    const text = [
      '# Billing API',
      '',
      '> Created: YYYY-MM-DD | Owner: [Team name]',
      '',
      '## Escalation',
      '',
      'The payments team runs it.',
      '',
      '**Last updated:** DD/MM/YYYY',
      ''
    ].join('\n')
    expect(await standIns(text)).toEqual(['3:12-3:22 YYYY-MM-DD', '3:32-3:43 [Team name]', '9:19-9:29 DD/MM/YYYY'])
  })

  it('is a format where the text explains one, or quotes a sample', async () => {
    const text = page(
      [
        'Dates are written in the format YYYY-MM-DD. Date format: YYYY-MM-DD.',
        '',
        'Backups are named billing-YYYY-MM-DD.tar.gz.',
        '',
        '> Message: backup of YYYY-MM-DD failed'
      ].join('\n')
    )
    expect(await standIns(text)).toEqual([])
  })
})

describe('addresses on domains reserved for examples', () => {
  it('are reported: links, autolinks, definitions, bare URLs and email addresses', async () => {
    const text = [
      '# Billing API',
      '',
      '## Dashboards',
      '',
      'The [Grafana board](https://grafana.example.com/d/api), <https://status.example.net>,',
      'https://logs.example.org/billing, and mail to billing-alerts@example.com.',
      '',
      'The [runbook index][index].',
      '',
      '[index]: https://wiki.example.com/runbooks',
      ''
    ].join('\n')
    const expected = [
      '5:21-5:54 https://grafana.example.com/d/api',
      '5:58-5:84 https://status.example.net',
      '6:1-6:33 https://logs.example.org/billing',
      '6:47-6:73 billing-alerts@example.com',
      '10:10-10:43 https://wiki.example.com/runbooks'
    ]
    expect(await standIns(text)).toEqual(expected)
    expect(await standIns(text, true)).toEqual(expected)
  })

  it('leaves examples given as such, quoted samples, code and look-alike domains alone', async () => {
    const text = page(
      [
        'Addresses look like ops@acme.io (e.g. not ops@example.com); for example, https://www.example.com/path.',
        '',
        '> From: alerts@example.org',
        '',
        'Test with `curl https://api.example.com/health` and read myexample.com or foo-example.com.'
      ].join('\n')
    )
    expect(await standIns(text)).toEqual([])
  })

  it('leaves an owner’s email address on one to runbook-owner-contact, which names what it should be', async () => {
    const file = await lint(
      [
        '## Service or system overview',
        '',
        '### Service owner',
        '',
        'The Payments team: payments@example.com, #payments on Slack.',
        ''
      ].join('\n')
    )
    expect(messagesOf(file).filter((message) => message.includes('example.com'))).toEqual([
      '5:20-5:40 runbook-owner-contact Unexpected email address `payments@example.com` in `Service owner`: a reserved example domain (`example.com`), expected a real email address'
    ])
  })
})

describe('a host name that says “your app”, in several languages', () => {
  it('is a stand-in in text, in an autolink and as a link’s destination', async () => {
    for (const gfm of [false, true]) {
      expect(
        await standIns(
          page(
            'Check https://votre-app.fr/health and <https://seu-app.com.br/status>, then ' +
              '[the board](https://tu-empresa.herokuapp.com/admin), https://argocd.yourdomain.com.'
          ),
          gfm
        ),
        `gfm: ${gfm}`
      ).toEqual([
        '7:7-7:34 https://votre-app.fr/health',
        '7:40-7:69 https://seu-app.com.br/status',
        '7:89-7:127 https://tu-empresa.herokuapp.com/admin',
        '7:130-7:159 https://argocd.yourdomain.com'
      ])
    }
    expect(await standIns(page('Write to ops@ihre-firma.de or open YOUR-PROJECT.supabase.co.'))).toEqual([
      '7:10-7:27 ops@ihre-firma.de',
      '7:36-7:60 YOUR-PROJECT.supabase.co'
    ])
  })

  it('is not a host whose name merely starts so, a file name, or a name in code', async () => {
    expect(
      await standIns(
        page(
          'See https://tu-berlin.de, https://your-move.co.uk and https://suapp.net. Copy `.env.example` to `.env`, ' +
            'or config.example to config.yml, for example.\n\n```sh\ncurl https://votre-app.fr/health\n```'
        )
      )
    ).toEqual([])
  })
})

describe('a link with no target beside a comment that asks for it', () => {
  it('is a stand-in, one per link, at the link: in its line, in a list, in a table, or after a comment of its own', async () => {
    for (const gfm of [false, true]) {
      expect(
        await standIns(
          page(
            [
              '- [Grafana dashboard](#) <!-- add link to the dashboard -->',
              '- [Logs]() <!-- TODO: update link -->',
              '',
              '<!-- Ajouter le lien vers la recherche Kibana -->',
              '[Kibana search](#) and [Traces](#)',
              '',
              '| Alert | Runbook |',
              '| --- | --- |',
              '| VolumeFull | <!-- add URL --> [Runbook](#) |'
            ].join('\n')
          ),
          gfm
        ),
        `gfm: ${gfm}`
      ).toEqual([
        '7:3-7:25 [Grafana dashboard](#)',
        '8:3-8:11 [Logs]()',
        '11:1-11:19 [Kibana search](#)',
        '11:24-11:35 [Traces](#)',
        '15:33-15:45 [Runbook](#)'
      ])
    }
  })

  it('is told as a link without a target, one message per link', async () => {
    const text =
      '# Billing API\n\n## Escalation\n\nPage the payments team through PagerDuty.\n\n[Grafana board](#) <!-- TODO: add link -->\n\n' +
      '## Useful links\n\n- [Wiki](#) <!-- Update with actual link -->\n- [Status page]() <!-- Update with actual link -->\n'
    expect(messagesOf(await lint(text)).filter((message) => message.includes(rule))).toEqual([
      '7:1-7:19 runbook-no-placeholders Unexpected link `[Grafana board](#)` without a target in `Escalation`, expected the address it should lead to',
      '11:3-11:12 runbook-no-placeholders Unexpected link `[Wiki](#)` without a target in `Useful links`, expected the address it should lead to',
      '12:3-12:18 runbook-no-placeholders Unexpected link `[Status page]()` without a target in `Useful links`, expected the address it should lead to'
    ])
  })

  it('is not a link to the top of the page or to an anchor, nor one beside another comment', async () => {
    expect(
      await standIns(
        page(
          [
            'Back to [top](#). See [the panel](#panel) <!-- add the panel link to the wiki too -->.',
            '',
            '[Dashboard](#) <!-- markdownlint-disable-line MD042 -->',
            '',
            '<!-- The links below open in a new tab -->',
            '[Status page](#)'
          ].join('\n')
        )
      )
    ).toEqual([])
  })
})

describe('a bracketed stand-in in inline code as a field’s whole value', () => {
  it('is a stand-in after a bold label, to the end of its line', async () => {
    for (const gfm of [false, true]) {
      expect(
        await standIns(
          page(
            ['**Alert:** `<AlertName>`', '**Severity:** `<critical|warning>`', '- **Owner**: `[team-name]`', '> **Dashboard:** `<grafana-url>`'].join('\n')
          ),
          gfm
        ),
        `gfm: ${gfm}`
      ).toEqual(['7:12-7:25 <AlertName>', '8:15-8:35 <critical|warning>', '9:14-9:27 [team-name]', '10:18-10:33 <grafana-url>'])
    }
  })

  it('is not code in a sentence, a format or syntax described, an example, or a list of values', async () => {
    expect(
      await standIns(
        page(
          [
            'Run `kubectl logs <pod>` first.',
            '',
            '**Command:** `kubectl logs <pod>`',
            '',
            '**Syntax**: `[expression for item in iterable]`',
            '',
            '**Format:** `<64-char-hex>`',
            '',
            '**Examples**: `["sdk", "api"]`',
            '',
            '**Pattern**: `<namespace>_<name>`',
            '',
            '**Owner:** `<team>` or the platform team.'
          ].join('\n')
        )
      )
    ).toEqual([])
  })
})
