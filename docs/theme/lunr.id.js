/*
 * Indonesian for lunr, as Material for MkDocs' search worker loads it
 * (assets/javascripts/lunr/min/lunr.id.min.js, copied there by macros/site.py).
 *
 * - A rule-based affix stripper in the manner of the Tala stemmer (particles, possessive
 *   pronouns, first- and second-order prefixes, suffixes): no dictionary to download, and
 *   the same function runs on the index and on the query, so "memberdayakan",
 *   "pemberdayaan" and "berdaya" all meet at "daya".
 * - Indonesian stop words ("yang", "dan", "di" ...) leave the index.
 * - Material appends "*" to every query term and lunr skips the query pipeline for
 *   wildcard terms; so wildcard clauses are stemmed here too, in lunr.Query#clause,
 *   which both the search and Material's term bookkeeping (highlighting, suggestions) use.
 */
(function () {
  if (typeof lunr === "undefined") return;

  var VOWEL = /^[aiueo]/;

  function stripPrefix(word, order) {
    var rules = order === 1
      ? [["meny", "s", true], ["peny", "s", true], ["meng", ""], ["peng", ""], ["mem", "p", true], ["pem", "p", true],
         ["mem", ""], ["pem", ""], ["men", "t", true], ["pen", "t", true], ["men", ""], ["pen", ""],
         ["me", ""], ["di", ""], ["ter", ""], ["ke", ""]]
      : [["ber", ""], ["be", ""], ["per", ""], ["pe", ""]];
    for (var i = 0; i < rules.length; i++) {
      var prefix = rules[i][0], replacement = rules[i][1], beforeVowel = rules[i][2];
      if (word.indexOf(prefix) !== 0) continue;
      var rest = word.slice(prefix.length);
      if (beforeVowel && !VOWEL.test(rest)) continue;
      if ((replacement + rest).length < 3) continue;
      return replacement + rest;
    }
    return null;
  }

  function stripSuffix(word) {
    var suffixes = ["kan", "an", "i"];
    for (var i = 0; i < suffixes.length; i++) {
      var suffix = suffixes[i];
      if (word.length - suffix.length >= 3 && word.slice(-suffix.length) === suffix) {
        return word.slice(0, -suffix.length);
      }
    }
    return word;
  }

  function stemWord(word) {
    if (word.length <= 4 || /\d/.test(word)) return word;  // codes (53.71) and short words stay
    word = word.replace(/(kah|lah|pun|tah)$/, function (m, p, offset) { return offset >= 4 ? "" : m; });
    word = word.replace(/(ku|mu|nya)$/, function (m, p, offset) { return offset >= 4 ? "" : m; });
    var first = stripPrefix(word, 1);
    if (first !== null) {
      word = stripSuffix(first);
      return stripPrefix(word, 2) || word;
    }
    var second = stripPrefix(word, 2);
    return stripSuffix(second !== null ? second : word);
  }

  var STOP_WORDS = ("ada adalah agar akan aku anda antara apa apabila atas atau bagi bahwa baik banyak " +
    "beberapa belum bila bisa boleh dalam dan dapat dari daripada demikian dengan di dia hal hanya harus " +
    "hingga ia ialah ini itu jika juga kami kamu karena ke kepada ketika lagi lain maka masih melalui " +
    "mereka mungkin namun oleh pada para saat saja sama sangat satu sebagai sebelum sedang sehingga " +
    "sejak sekitar selain semua sendiri seperti serta setelah setiap sudah supaya tanpa telah tentang " +
    "terhadap tersebut tetapi tidak untuk waktu yaitu yakni yang").split(" ");

  lunr.id = function () {
    this.pipeline.reset();
    this.pipeline.add(lunr.id.trimmer, lunr.id.stopWordFilter, lunr.id.stemmer);
    if (this.searchPipeline) {
      this.searchPipeline.reset();
      this.searchPipeline.add(lunr.id.stemmer);
    }
  };
  lunr.id.stemWord = stemWord;
  lunr.id.trimmer = lunr.trimmerSupport
    ? lunr.trimmerSupport.generateTrimmer("A-Za-z0-9\u00C0-\u024F")
    : lunr.trimmer;
  lunr.Pipeline.registerFunction(lunr.id.trimmer, "trimmer-id");
  lunr.id.stopWordFilter = lunr.generateStopWordFilter(STOP_WORDS);
  lunr.Pipeline.registerFunction(lunr.id.stopWordFilter, "stopWordFilter-id");
  lunr.id.stemmer = function (token) {
    return token.update(function (word) { return stemWord(word); });
  };
  lunr.Pipeline.registerFunction(lunr.id.stemmer, "stemmer-id");

  // Query side: stem the terms lunr will not send through the pipeline (wildcards).
  var clause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (c) {
    if (c && typeof c.term === "string" && c.usePipeline === false) {
      var trimmed = c.term.toLowerCase().replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
      if (trimmed) c.term = stemWord(trimmed);
    }
    return clause.call(this, c);
  };
})();
