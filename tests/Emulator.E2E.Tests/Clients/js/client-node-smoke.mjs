// Drives the emulator with the official JavaScript client (@kubernetes/client-node): list, create, watch.
// Usage: node client-node-smoke.mjs <kubeconfig> <namespace>; CLIENT_NODE points at the installed package folder.
// Prints one line per step; the C# test asserts on them.
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const k8s = await import(pathToFileURL(path.join(process.env.CLIENT_NODE, 'dist', 'index.js')).href);
const [kubeconfig, namespace] = process.argv.slice(2);
const kc = new k8s.KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(k8s.CoreV1Api);

const namespaces = await core.listNamespace();
console.log(`namespaces: ${namespaces.items.map(n => n.metadata.name).sort().join(',')}`);

const list = await core.listNamespacedConfigMap({ namespace });
const seen = [];
const watch = new k8s.Watch(kc);
const done = new Promise((resolve, reject) => {
  watch.watch(`/api/v1/namespaces/${namespace}/configmaps`, { resourceVersion: list.metadata.resourceVersion },
    (type, obj) => {
      seen.push(`${type} ${obj.metadata.name}`);
      if (type === 'DELETED') resolve();
    },
    err => { if (err) reject(err); }).then(req => { done.req = req; }, reject);
});

const created = await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'from-js' }, data: { lang: 'javascript' } } });
console.log(`created: ${created.metadata.name} uid=${created.metadata.uid ? 'set' : 'missing'}`);
await core.deleteNamespacedConfigMap({ namespace, name: 'from-js' });
const timer = setTimeout(() => { console.log('timeout waiting for watch events'); process.exit(2); }, 30000);
await done;
clearTimeout(timer);
console.log(`watched: ${seen.join(' | ')}`);
process.exit(0);
