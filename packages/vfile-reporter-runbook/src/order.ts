import type {VFileMessage} from 'vfile-message'

/**
 * Document order: by line, then column. Messages at the same place keep the
 * order they were made in (`Array#sort` is stable): by rule, then by the
 * template's order.
 */
export function byPlace(left: VFileMessage, right: VFileMessage): number {
  return (left.line || 0) - (right.line || 0) || (left.column || 0) - (right.column || 0)
}
