const distinct = process.argv[2] === 'distinct';
const base = JSON.parse(await (await import('node:fs/promises')).readFile('/tmp/w1.json', 'utf8'));
let done = 0;
const end = Date.now() + 6000;
async function loop() {
  while (Date.now() < end) {
    const body = structuredClone(base);
    if (distinct) {
      const t = `sales_${Math.floor(Math.random() * 1e6)}`;
      body.queries.forEach(
        (q: { query_text: string }) => (q.query_text = q.query_text.replace('sales', t)),
      );
    }
    const r = await fetch('http://127.0.0.1:3999/api/v1/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await r.text();
    if (r.status === 201) done++;
  }
}
await Promise.all(Array.from({ length: 16 }, loop));
console.log(`${distinct ? 'distinct' : 'same'}: ${(done / 6).toFixed(0)} req/s`);
