// Material's own search worker, with the site's lunr.id.min.js and search index, run in Node:
//   node search_worker.cjs SITE_DIR '["query", ...]'
// prints, per query, the result locations in the order Material shows them (page, then its
// sections), what the worker announced (a typo correction) and fetched, as JSON lines.
const fs = require("fs"), path = require("path"), vm = require("vm");
const [site, queries] = [process.argv[2], JSON.parse(process.argv[3])];
const scripts = path.join(site, "assets/javascripts");
const worker = fs.readdirSync(path.join(scripts, "workers")).find(f => /^search\.[0-9a-f]+\.min\.js$/.test(f));
const announced = [], fetched = [];
let handle, reply;
const context = {
  console, URL, setTimeout, location: { href: "http://localhost/assets/javascripts/workers/" + worker },
  addEventListener: (type, fn) => { handle = fn; },
  postMessage: message => reply(message),
  importScripts: (...urls) => urls.forEach(url =>
    vm.runInContext(fs.readFileSync(path.join(scripts, "workers", url), "utf8"), context)),
  BroadcastChannel: class { postMessage(data) { announced.push(data); } },
  XMLHttpRequest: class {
    open(method, url) { this.file = path.join(site, new URL(url).pathname); fetched.push(new URL(url).pathname); }
    send() { try { this.responseText = fs.readFileSync(this.file, "utf8"); this.status = 200; } catch { this.status = 404; } }
  },
};
context.self = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(scripts, "workers", worker), "utf8"), context);
const ask = data => new Promise(resolve => { reply = resolve; handle({ data }); });
(async () => {
  const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"));
  await ask({ type: 0, data: { ...index, options: { suggest: false } } });
  for (const query of queries) {
    announced.length = fetched.length = 0;
    const result = await ask({ type: 2, data: query });
    const locations = result.data.items.flatMap(group => group.map(item => item.location));
    console.log(JSON.stringify({ query, locations, announced: announced.slice(), fetched: fetched.slice() }));
  }
})();
