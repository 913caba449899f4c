/**
 * Whether a section tells the on-call engineer what to do: a step (a list,
 * or a sentence in the imperative, `Restart the pod.`), a command or a query
 * (code), a link, or a decision (`If the upgrade is still running, wait.`,
 * `No action is needed: it resolves itself.`). Prose that only describes
 * (`The resolution depends on the issue in the logs.`) gives none.
 */

import type {Nodes, RootContent} from 'mdast'

/** Nodes that are an action by their kind: steps, commands, queries, links. */
const actionNodes = new Set(['list', 'code', 'inlineCode', 'link', 'linkReference', 'table'])

/**
 * HTML that holds a link, a command or a list. A tag's attributes stop at
 * the next `<` too, so that text of unclosed `<a ` is read once, not again
 * from each of them.
 */
const actionHtml = /<(?:a\s[^<>]*href|code|pre|kbd|ol|ul)\b/i

/** A URL written in the text (without GFM's autolinks). */
const url = /\bhttps?:\/\/\S/i

/**
 * Verbs a step starts with, in the imperative. A sentence that starts with
 * one (after `First,`, `Then`, `Please` and the like) is a step.
 */
const verbs = new Set(
  (
    'acknowledge ack add adjust allocate allow analyse analyze annotate apply ask assign audit avoid back backup block bump ' +
    'calculate call cancel capture change check choose clean clear click close collect compact compare configure confirm ' +
    'connect consider consult contact copy cordon correct create debug decrease defrag defragment delete deploy describe ' +
    'detach determine disable distribute double download drain drop dump edit email enable ensure escalate evaluate evict ' +
    'examine execute expand export extend fail failover file find fix flush follow force free gather get go grep grow ' +
    'identify ignore increase inform inspect install investigate isolate kill label limit list locate log login look lower ' +
    'make mark migrate monitor mount move mute navigate note notify open page patch pause ping plan post prune purge query ' +
    'raise re-run read reboot rebuild recover recreate redeploy reduce refer refresh reindex reissue reload remount remove ' +
    'renew repair replace report request rerun reset resize resolve restart restore resume resync retry review revert revoke ' +
    'roll rollback rotate run scale schedule search see select send set shard shrink shut silence snapshot spread ssh start ' +
    'stop switch sync take taint talk tell terminate test throttle trace trigger try tune turn unblock uncordon uninstall ' +
    'unmount update upgrade upload use validate verify view wait watch write ' +
    // French, as teams write steps: the imperative (`Redémarrez le service.`) or the infinitive (`Vérifier les journaux.`).
    'activez activer ajoutez ajouter appliquez appliquer arrêtez arrêter attendez attendre augmentez augmenter basculez basculer ' +
    'consultez consulter contactez contacter corrigez corriger démarrez démarrer désactivez désactiver exécutez exécuter ' +
    'informez informer lancez lancer lisez lire listez lister modifiez modifier nettoyez nettoyer ouvrez ouvrir prévenez prévenir ' +
    'purgez purger redémarrez redémarrer regardez regarder relancez relancer renouvelez renouveler restaurez restaurer ' +
    'suivez suivre supprimez supprimer utilisez utiliser vérifiez vérifier videz vider ' +
    // Spanish and Portuguese: the imperative (`Reinicie el servicio.`) or the infinitive.
    'abra abrir agregue agregar añada añadir adicione adicionar aguarde aguardar aplique aplicar apague apagar aumente aumentar ' +
    'avise avisar borre borrar compruebe comprobar confira conferir consulte consultar contacte contactar contate contatar ' +
    'corrija corregir corrigir desfaça desfazer detenga detener elimine eliminar escale escalar espere esperar exclua excluir ' +
    'ejecute ejecutar execute executar informe informar inicie iniciar libere liberar limpie limpiar limpe limpar mire mirar ' +
    'notifique notificar pare parar reinicie reiniciar remova remover renove renovar renueve renovar restaure restaurar ' +
    'revise revisar rode rodar siga seguir usar veja verifique verificar ' +
    // German (`Starten Sie den Dienst neu.`, `Prüfen Sie das Protokoll.`).
    'aktivieren beenden benachrichtigen bereinigen deaktivieren entfernen erhöhen erneuern eskalieren folgen führen informieren ' +
    'kontaktieren kontrollieren leeren lesen löschen melden nutzen öffnen prüfen setzen skalieren starten stoppen suchen ' +
    'überprüfen verringern verwenden warten wiederherstellen ' +
    // Italian: the infinitive (`Riavviare il servizio.`) or the imperative.
    'aggiungere aggiungi applicare applica aprire apri attendere attendi aumentare aumenta avviare avvia avvisare avvisa ' +
    'cancellare cancella consultare consulta contattare contatta controllare controlla correggere correggi eliminare elimina ' +
    'eseguire esegui fermare ferma informare ripristinare ripristina riavviare riavvia rinnovare rinnova seguire segui ' +
    'svuotare svuota usare verificare'
  ).split(' ')
)

/** Words before the verb of a step. */
const leadIn =
  /^(?:(?:first|then|next|also|finally|afterwards|otherwise|alternatively|again|now|please|just|simply|immediately|manually|quickly|carefully|optionally|at first|as a general fix|in most cases|if needed|if necessary|if possible|if so|if not|d'abord|ensuite|puis|enfin|primero|luego|después|entonces|primeiro|depois|então|zuerst|dann|danach|anschließend|prima|poi|quindi|infine)[,:]?\s+)+/i

/** Sentences that say what someone should do, or decide. */
const instructions = [
  // An obligation or a choice given to the reader.
  /\b(?:you|we|one|user|users|operators?|admins?|administrators?|the (?:user|operator|administrator|team|on-?call))\s+(?:will |would |may |might )?(?:should|must|can|could|may|might|need|needs|have|has|want)\b/i,
  /\bneeds? to\b|\bthe need to\b/i,
  // What must be done, in the passive: `The pod should be restarted.`
  /\b(?:should|must|needs? to|has to|have to|ought to)\s+(?:be|get)\s+\w+/i,
  /\bit is (?:highly |strongly )?(?:recommended|advised|advisable|best|necessary|required|safe|important)\b/i,
  /\b(?:recommended|advisable|best practice) (?:to|is)\b/i,
  // A decision: act only on a condition, or not at all.
  /^(?:if|when|whenever|unless|in case|once|should|where)\b/i,
  // The same in French, Spanish, Portuguese, German and Italian: a
  // condition, an obligation, or no action needed.
  /^(?:si|se|quand|lorsque|cuando|quando|caso|wenn|falls|sofern)(?![\p{L}\p{N}])/iu,
  /(?<![\p{L}\p{N}])(?:il faut|vous devez|il est nécessaire|hay que|es necesario|é necessário|é preciso|müssen sie|sollten sie|è necessario|bisogna|occorre|aucune action|nenhuma ação|ninguna acción|keine (?:aktion|maßnahme)|nessuna azione|se résout|se resuelve|se resolve|löst sich|si risolve)(?![\p{L}\p{N}])/iu,
  /\b(?:no (?:action|intervention|mitigation) (?:is )?(?:needed|required|necessary)|nothing (?:needs to be done|to do)|(?:can|may) (?:be )?(?:safely )?(?:ignored|silenced)|safe to ignore|resolves? (?:itself|on its own|automatically)|self-heal|recover(?:s)? (?:by itself|on its own|automatically))\b/i,
  // No fix to give, said outright: `There is no prescriptive way to fix it.`
  /\bthere (?:is|are) no (?:[a-z-]+ ){0,2}(?:way|fix|procedure|step|action|mitigation|resolution|workaround|remedy)s?\b/i,
  // A way to fix it, named: `Giving it more CPU is the only way to fix it.`
  /\b(?:the (?:only |best |usual )?(?:way|fix|solution|workaround) (?:to|is)|(?:may|might|will|should|can) (?:help|fix|solve|resolve|mitigate)|fixes it|helps)\b/i
]

/** Verbs of a step that only passes the alert on: telling someone is no action on the cause. */
const notifying = new Set([
  'notify',
  'inform',
  'tell',
  'contact',
  'page',
  'escalate',
  'ping',
  'message',
  'email',
  'call',
  'alert',
  'let',
  'reach',
  'post',
  'raise',
  'forward',
  'contactez',
  'contacter',
  'informez',
  'informer',
  'prévenez',
  'prévenir',
  'avise',
  'avisar',
  'contacte',
  'contactar',
  'contate',
  'contatar',
  'informe',
  'informar',
  'notifique',
  'notificar',
  'benachrichtigen',
  'eskalieren',
  'informieren',
  'kontaktieren',
  'melden',
  'avvisare',
  'avvisa',
  'contattare',
  'contatta',
  'informare'
])

/**
 * Whether `nodes` only tell the on-call engineer to pass the alert on
 * (`Notify the payments team in #payments.`): every sentence a step of
 * notifying, no command or query among them.
 */
export function onlyNotifies(nodes: ReadonlyArray<RootContent>): boolean {
  const text: string[] = []
  const visit = (node: Nodes): boolean => {
    if (node.type === 'code' || node.type === 'html' || node.type === 'table') return false
    if (node.type === 'text' || node.type === 'inlineCode') text.push(node.value)
    else if ('children' in node) {
      for (const child of node.children) if (!visit(child as Nodes)) return false
      text.push('\n')
    }
    return true
  }
  if (!nodes.every((node) => visit(node))) return false
  const sentences = sentencesOf(text.join(''))
  return sentences.length > 0 && sentences.every((sentence) => notifying.has(firstWord(sentence) ?? ''))
}

function firstWord(sentence: string): string | undefined {
  const start = sentence.replace(/^[^\p{L}]+/u, '').replace(leadIn, '')
  return /^[\p{L}-]+/u.exec(start)?.[0].toLowerCase()
}

/** Whether `nodes` (a section's content, its subsections' headings and content included) give an action. */
export function givesAction(nodes: ReadonlyArray<RootContent>): boolean {
  if (onlyNotifies(nodes)) return false
  const sentences: string[] = []
  const visit = (node: Nodes): boolean => {
    if (actionNodes.has(node.type)) return true
    if (node.type === 'html') return actionHtml.test(node.value)
    if (node.type === 'text') {
      if (url.test(node.value)) return true
      sentences.push(node.value)
      return false
    }
    if ('children' in node) {
      for (const child of node.children) if (visit(child as Nodes)) return true
      // Each block is sentences of its own: a heading has no full stop.
      sentences.push('\n')
    }
    return false
  }
  if (nodes.some((node) => visit(node))) return true
  return sentencesOf(sentences.join('')).some((sentence) => isInstruction(sentence))
}

function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?;:])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '')
}

function isInstruction(sentence: string): boolean {
  const start = sentence.replace(/^[^\p{L}]+/u, '').replace(leadIn, '')
  // A step starts the sentence or follows its opening clause (`Using the
  // console, go to Storage.`, `Depending on the integration, correct it.`).
  const clauses = [start, ...start.split(/,\s+/).slice(1)]
  if (clauses.some((clause) => startsWithStep(clause))) return true
  return instructions.some((pattern) => pattern.test(start))
}

/** Whether a clause starts with a verb of a step, or its gerund (`Deleting the endpoint recreates it.`). */
function startsWithStep(clause: string): boolean {
  const first = /^[\p{L}-]+/u.exec(clause.replace(leadIn, ''))?.[0].toLowerCase()
  if (first === undefined) return false
  if (verbs.has(first)) return true
  if (!first.endsWith('ing') || first.length < 6) return false
  const stem = first.slice(0, -3)
  return verbs.has(stem) || verbs.has(stem + 'e') || (stem.at(-1) === stem.at(-2) && verbs.has(stem.slice(0, -1)))
}
