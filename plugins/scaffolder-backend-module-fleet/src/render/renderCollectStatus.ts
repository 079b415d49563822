import type { OnboardingAnswers } from '../answers/schema';

/**
 * The `metadata.collector` of the reports this script writes; bump when their shape changes.
 *
 * @public
 */
export const COLLECTOR_VERSION = 'collect-status.sh 1';

/**
 * Pods reduced to what capacity and upgrade checks need — name, labels, node, containers' names
 * and resources, phase and conditions — so that environment values (which may carry keys) never
 * leave the cluster (exported for the tests, which evaluate it with kubectl). Go templates have no JSON function: strings are printed with `%q`, which is
 * valid JSON for the characters Kubernetes allows in names, labels and quantities. The
 * `$first` flags place the commas between map entries; a literal `{` before an action is
 * written `{{"{"}}`, since `{{{` would open the action early.
 */
export const POD_TEMPLATE = [
  '{"metadata":{"name":{{printf "%q" .metadata.name}},"labels":{{"{"}}',
  '{{$first := true}}{{range $k, $v := .metadata.labels}}{{if not $first}},{{end}}{{$first = false}}{{printf "%q" $k}}:{{printf "%q" $v}}{{end}}}},',
  '"spec":{"nodeName":{{printf "%q" (or .spec.nodeName "")}},"containers":[',
  '{{range $j, $c := .spec.containers}}{{if $j}},{{end}}{"name":{{printf "%q" $c.name}},"resources":{{"{"}}',
  '{{$firstKind := true}}{{range $kind, $amounts := $c.resources}}{{if not $firstKind}},{{end}}{{$firstKind = false}}{{printf "%q" $kind}}:{{"{"}}',
  '{{$firstAmount := true}}{{range $resource, $amount := $amounts}}{{if not $firstAmount}},{{end}}{{$firstAmount = false}}{{printf "%q" $resource}}:{{printf "%q" $amount}}{{end}}}',
  '{{end}}}}{{end}}]},',
  '"status":{"phase":{{printf "%q" (or .status.phase "")}},"conditions":[',
  '{{range $k, $cond := .status.conditions}}{{if $k}},{{end}}{"type":{{printf "%q" $cond.type}},"status":{{printf "%q" $cond.status}}}{{end}}]}}',
].join('');

/** The pod list: `[pod, pod, …]` with {@link POD_TEMPLATE} for each item. */
export const PODS_TEMPLATE_PREFIX =
  '[{{range $i, $p := .items}}{{if $i}},{{end}}{{with $p}}';
export const PODS_TEMPLATE_SUFFIX = '{{end}}{{end}}]';
const PODS_TEMPLATE = `${PODS_TEMPLATE_PREFIX}${POD_TEMPLATE}${PODS_TEMPLATE_SUFFIX}`;

/**
 * Renders `collect-status.sh`: run by the customer where the cluster cannot be reached, with
 * `kubectl` only (no jq, nothing downloaded). Prints a StatusReport
 * (`fleetdeck.io/v1alpha1`) and writes it as `<deployment>/status-YYYYMMDD-HHMMSS.json`
 * under the folder given (default: the current one) — beside the journal archives, where
 * the journal inbox picks it up.
 *
 * @public
 */
export function renderCollectStatus(answers: OnboardingAnswers): string {
  const { name: deployment, namespace } = answers.deployment;
  return `#!/bin/sh
# Status report for ${deployment}: chart and Kubernetes versions, nodes, and the pods of the
# namespace reduced to names, labels, nodes, resources and phases (no environment values).
# Needs kubectl with read access to nodes and to pods in the namespace. Usage:
#   sh collect-status.sh [output folder]     (NAMESPACE=... to override ${namespace})
# Send the ${deployment}/status-*.json file with the journals.
set -eu

DEPLOYMENT='${deployment}'
NAMESPACE="\${NAMESPACE:-${namespace}}"
OUTPUT_ROOT="\${1:-.}"

# The chart labels its pods helm.sh/chart=<name>-<version>.
chart_label=$(kubectl get pods -n "$NAMESPACE" -o jsonpath='{.items[*].metadata.labels.helm\\.sh/chart}' | tr ' ' '\\n' | grep -m1 . || true)
chart_name=$(printf '%s' "$chart_label" | sed -n 's/^\\(.*\\)-\\([0-9][0-9A-Za-z.+-]*\\)$/\\1/p')
chart_version=$(printf '%s' "$chart_label" | sed -n 's/^\\(.*\\)-\\([0-9][0-9A-Za-z.+-]*\\)$/\\2/p')

kubernetes_version=$(kubectl get --raw /version | tr -d '\\n' | sed -n 's/.*"gitVersion"[ ]*:[ ]*"\\([^"]*\\)".*/\\1/p')

nodes=$(kubectl get nodes -o jsonpath='{.items}')
pods=$(kubectl get pods -n "$NAMESPACE" -o go-template='${PODS_TEMPLATE}')

generated_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
stamp=$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$OUTPUT_ROOT/$DEPLOYMENT"
report="$OUTPUT_ROOT/$DEPLOYMENT/status-$stamp.json"

cat > "$report.partial" <<REPORT
{"apiVersion":"fleetdeck.io/v1alpha1","kind":"StatusReport",
"metadata":{"deployment":"$DEPLOYMENT","generatedAt":"$generated_at","collector":"${COLLECTOR_VERSION}"},
"spec":{"namespace":"$NAMESPACE",
"chart":{"name":"$chart_name","version":"$chart_version"},
"kubernetes":{"version":"$kubernetes_version"},
"nodes":\${nodes:-[]},
"pods":\${pods:-[]}}}
REPORT
mv "$report.partial" "$report"
cat "$report"
echo "wrote $report" >&2
`;
}
