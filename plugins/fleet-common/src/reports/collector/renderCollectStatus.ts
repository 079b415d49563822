import { isValidEntityName } from '../../kinds/entityNames';

/**
 * The `metadata.collector` of the reports this script writes; bump when their shape changes.
 * Version 2 adds other namespaces' GPU pods, `dra` and the DRA objects.
 *
 * @public
 */
export const COLLECTOR_VERSION = 'collect-status.sh 2';

/*
 * The go-templates below reduce what kubectl prints to the fields the portal reads, so that
 * nothing else (container env may carry keys) leaves the cluster. Go templates have no JSON
 * function: strings are printed with `%q`, which is valid JSON for the characters Kubernetes
 * allows in names, labels and quantities; `$first`-style flags place the commas. A literal `{`
 * before an action is written `{{"{"}}`, since `{{{` would open the action early. A field
 * that may be missing is read inside `with`, or through `or` with a default.
 */

/** `{"k":"v",…}` of a map of strings (labels, requests, limits); `{}` for none. */
const STRING_MAP = [
  '{{define "strings"}}{{"{"}}{{$first := true}}{{range $k, $v := .}}',
  '{{if not $first}},{{end}}{{$first = false}}{{printf "%q" $k}}:{{printf "%q" $v}}',
  '{{end}}}{{end}}',
].join('');

/**
 * One pod reduced to what capacity and upgrade checks need — name, namespace, labels, node,
 * containers' names, requests and limits, tolerations (which tainted GPU nodes the engine may
 * use), resource claims, phase and conditions.
 */
const POD = [
  '{"metadata":{"name":{{printf "%q" .metadata.name}},"namespace":{{printf "%q" (or .metadata.namespace "")}},',
  '"labels":{{template "strings" .metadata.labels}}},',
  '"spec":{"nodeName":{{printf "%q" (or .spec.nodeName "")}},"containers":[',
  '{{range $j, $c := .spec.containers}}{{if $j}},{{end}}{"name":{{printf "%q" $c.name}},"resources":{{"{"}}',
  '{{$sep := ""}}{{with $c.resources}}',
  '{{with .requests}}"requests":{{template "strings" .}}{{$sep = ","}}{{end}}',
  '{{with .limits}}{{$sep}}"limits":{{template "strings" .}}{{end}}',
  '{{end}}}}{{end}}]',
  '{{with .spec.tolerations}},"tolerations":[{{range $j, $t := .}}{{if $j}},{{end}}',
  '{"key":{{printf "%q" (or $t.key "")}},"operator":{{printf "%q" (or $t.operator "Equal")}},',
  '"value":{{printf "%q" (or $t.value "")}},"effect":{{printf "%q" (or $t.effect "")}}}{{end}}]{{end}}',
  '{{with .spec.resourceClaims}},"resourceClaims":[{{range $j, $r := .}}{{if $j}},{{end}}',
  '{"name":{{printf "%q" (or $r.name "")}},"resourceClaimName":{{printf "%q" (or $r.resourceClaimName "")}},',
  '"resourceClaimTemplateName":{{printf "%q" (or $r.resourceClaimTemplateName "")}}}{{end}}]{{end}}},',
  '"status":{"phase":{{printf "%q" (or .status.phase "")}},"conditions":[',
  '{{range $k, $cond := .status.conditions}}{{if $k}},{{end}}{"type":{{printf "%q" $cond.type}},"status":{{printf "%q" $cond.status}}}{{end}}]',
  '{{with .status.resourceClaimStatuses}},"resourceClaimStatuses":[{{range $j, $r := .}}{{if $j}},{{end}}',
  '{"name":{{printf "%q" (or $r.name "")}},"resourceClaimName":{{printf "%q" (or $r.resourceClaimName "")}}}{{end}}]{{end}}}}',
].join('');

/**
 * The release namespace's pods: `[pod, …]` (exported for the tests, which evaluate it with
 * kubectl).
 */
export const PODS_TEMPLATE = `${STRING_MAP}[{{range $i, $p := .items}}{{if $i}},{{end}}{{with $p}}${POD}{{end}}{{end}}]`;

/**
 * Other namespaces' pods that hold GPUs on a node — an `nvidia.com/` request or limit
 * (`printf "%.11s"` is the name's first 11 characters), or a resource claim — reduced alike;
 * the others, most of a cluster, are left out.
 */
export const GPU_PODS_TEMPLATE = [
  STRING_MAP,
  '[{{$n := 0}}{{range $p := .items}}{{$gpu := false}}',
  '{{if $p.spec.resourceClaims}}{{$gpu = true}}{{end}}',
  '{{range $c := $p.spec.containers}}{{with $c.resources}}',
  '{{range $k, $v := .requests}}{{if eq (printf "%.11s" $k) "nvidia.com/"}}{{$gpu = true}}{{end}}{{end}}',
  '{{range $k, $v := .limits}}{{if eq (printf "%.11s" $k) "nvidia.com/"}}{{$gpu = true}}{{end}}{{end}}',
  '{{end}}{{end}}',
  `{{if and $gpu $p.spec.nodeName}}{{if $n}},{{end}}{{$n = 1}}{{with $p}}${POD}{{end}}{{end}}{{end}}]`,
].join('');

/**
 * `ResourceSlice`s reduced to driver, node, pool and each device's name, `type`,
 * `productName` and `profile` attributes and `memory` capacity — in the v1 shape whichever
 * version the server serves (v1beta1 nests a device's under `basic`).
 */
export const RESOURCE_SLICES_TEMPLATE = [
  '[{{range $i, $s := .items}}{{if $i}},{{end}}',
  '{"metadata":{"name":{{printf "%q" $s.metadata.name}}},"spec":{',
  '"driver":{{printf "%q" (or $s.spec.driver "")}},"nodeName":{{printf "%q" (or $s.spec.nodeName "")}},',
  '{{with $s.spec.pool}}"pool":{"name":{{printf "%q" (or .name "")}},"generation":{{or .generation 0}}},{{end}}',
  '"devices":[{{range $j, $d := $s.spec.devices}}{{if $j}},{{end}}',
  '{{$desc := $d}}{{with $d.basic}}{{$desc = .}}{{end}}',
  '{"name":{{printf "%q" $d.name}},"attributes":{{"{"}}{{$first := true}}',
  '{{range $k, $v := $desc.attributes}}{{if or (eq $k "type") (eq $k "productName") (eq $k "profile")}}',
  '{{if not $first}},{{end}}{{$first = false}}{{printf "%q" $k}}:{"string":{{printf "%q" (or $v.string "")}}}',
  '{{end}}{{end}}},"capacity":{{"{"}}{{with $desc.capacity}}{{with .memory}}"memory":{"value":{{printf "%q" (or .value "")}}}{{end}}{{end}}}}',
  '{{end}}]}}{{end}}]',
].join('');

/**
 * `ResourceClaim`s reduced to name, namespace, what each request asks for (v1's `exactly` and
 * v1beta1's request alike) and the devices allocated.
 */
export const RESOURCE_CLAIMS_TEMPLATE = [
  '[{{range $i, $c := .items}}{{if $i}},{{end}}',
  '{"metadata":{"name":{{printf "%q" $c.metadata.name}},"namespace":{{printf "%q" (or $c.metadata.namespace "")}}},',
  '"spec":{"devices":{"requests":[{{with $c.spec.devices}}{{range $j, $r := .requests}}{{if $j}},{{end}}',
  '{{$q := $r}}{{with $r.exactly}}{{$q = .}}{{end}}',
  '{"name":{{printf "%q" (or $r.name "")}},"deviceClassName":{{printf "%q" (or $q.deviceClassName "")}},',
  '"allocationMode":{{printf "%q" (or $q.allocationMode "ExactCount")}},"count":{{or $q.count 1}}}',
  '{{end}}{{end}}]}},"status":{{"{"}}{{with $c.status}}{{with .allocation}}{{with .devices}}',
  '"allocation":{"devices":{"results":[{{range $k, $x := .results}}{{if $k}},{{end}}',
  '{"request":{{printf "%q" (or $x.request "")}},"driver":{{printf "%q" (or $x.driver "")}},',
  '"pool":{{printf "%q" (or $x.pool "")}},"device":{{printf "%q" (or $x.device "")}}}',
  '{{end}}]}}{{end}}{{end}}{{end}}}}{{end}}]',
].join('');

/** A Kubernetes namespace: a DNS label. */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * What `collect-status.sh` is made for.
 *
 * @public
 */
export interface CollectStatusOptions {
  /** The CustomerDeployment's `metadata.name`: the report's `metadata.deployment`. */
  deploymentName: string;
  /** The release's namespace (`spec.cluster.namespace`); `NAMESPACE=` overrides it on site. */
  namespace: string;
}

/**
 * Renders `collect-status.sh`: run by the customer where the cluster cannot be reached, with
 * `kubectl` only (no jq, nothing downloaded). Prints a StatusReport
 * (`fleetdeck.io/v1alpha1`) and writes it as `<deployment>/status-YYYYMMDD-HHMMSS.json`
 * under the folder given (default: the current one) — beside the journal archives, where
 * the journal inbox picks it up. What the account may not read (other namespaces' pods, the
 * DRA objects) is left out and said so on stderr; the report still goes.
 *
 * @throws Error when the deployment name or namespace could end the script's quotes.
 * @public
 */
export function renderCollectStatus(options: CollectStatusOptions): string {
  const { deploymentName: deployment, namespace } = options;
  // Both are written into the script in quotes: only names that cannot end the quote.
  if (!isValidEntityName(deployment)) {
    throw new Error(
      `deploymentName: must be the CustomerDeployment's catalog name (letters, digits, "-", "_", "."), got ${JSON.stringify(
        deployment,
      ).slice(0, 60)}`,
    );
  }
  if (!NAMESPACE.test(namespace)) {
    throw new Error(
      `namespace: must be a Kubernetes namespace (lowercase letters, digits and "-", at most 63), got ${JSON.stringify(
        namespace,
      ).slice(0, 60)}`,
    );
  }
  return `#!/bin/sh
# Status report for ${deployment}: chart and Kubernetes versions, nodes, the pods of the
# namespace reduced to names, labels, nodes, resources and phases (no environment values),
# other namespaces' pods that hold GPUs (reduced alike), and the DRA ResourceSlices and
# ResourceClaims where the cluster has them.
# Needs kubectl with read access to nodes and to pods in the namespace; with list on pods in
# every namespace and on resourceslices and resourceclaims (resource.k8s.io), the report also
# tells which GPUs other workloads hold. Usage:
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

# GPUs other namespaces' pods hold on the nodes.
cluster_pods=''
if gpu_pods=$(kubectl get pods -A --field-selector="metadata.namespace!=$NAMESPACE,status.phase!=Succeeded,status.phase!=Failed" -o go-template='${GPU_PODS_TEMPLATE}' 2>/dev/null); then
  cluster_pods=",\\"clusterPods\\":$gpu_pods"
else
  echo "note: may not list pods in every namespace; the report counts this namespace's GPU pods only" >&2
fi

# GPUs that Dynamic Resource Allocation hands out (Kubernetes 1.32+): absent, read, or unreadable.
dra=''
if api_resources=$(kubectl api-resources --api-group=resource.k8s.io -o name 2>/dev/null); then
  if ! printf '%s\\n' "$api_resources" | grep -q '^resourceslices\\.'; then
    dra=',"dra":"absent"'
  elif slices=$(kubectl get resourceslices -o go-template='${RESOURCE_SLICES_TEMPLATE}' 2>/dev/null) &&
    claims=$(kubectl get resourceclaims -A -o go-template='${RESOURCE_CLAIMS_TEMPLATE}' 2>/dev/null); then
    dra=",\\"dra\\":\\"read\\",\\"resourceSlices\\":$slices,\\"resourceClaims\\":$claims"
  else
    dra=',"dra":"unreadable"'
    echo "note: may not list resourceslices and resourceclaims (resource.k8s.io); GPUs that DRA manages are reported as unreadable" >&2
  fi
fi

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
"pods":\${pods:-[]}$cluster_pods$dra}}
REPORT
mv "$report.partial" "$report"
cat "$report"
echo "wrote $report" >&2
`;
}
