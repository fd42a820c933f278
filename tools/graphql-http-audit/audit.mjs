// Usage: node audit.mjs http://127.0.0.1:PORT/graphql
// Prints one JSON line per audit result and exits 0; the Go test decides.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}
const results = await auditServer({ url });
for (const r of results) {
  const line = { id: r.id, name: r.name, status: r.status };
  if (r.status !== 'ok') {
    line.reason = r.reason;
    try {
      line.response = r.response ? { status: r.response.status, body: await r.response.text() } : undefined;
    } catch (e) {
      line.response = String(e);
    }
  }
  console.log(JSON.stringify(line));
}
