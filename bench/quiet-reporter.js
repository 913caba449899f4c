/**
 * A reporter that prints nothing, for the benchmark: the measure is linting,
 * not formatting thousands of messages. It still receives every file.
 */
export default function quietReporter() {
  return ''
}
