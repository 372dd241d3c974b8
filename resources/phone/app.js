/* SPDX-License-Identifier: Apache-2.0
 * The phone's upload page. Plain ES5 (old Android WebViews, WeChat's in-app browser),
 * no libraries, no canvas: each picked file's own bytes go to the laptop unchanged,
 * by XHR with upload progress, resumed from the laptop's byte count after a cut. */
(function () {
  "use strict";

  var PARALLEL = 2;
  var maxBytes = 60 * 1024 * 1024;
  var waiting = [];
  var running = 0;
  var stored = 0;
  var ended = false;

  function $(id) { return document.getElementById(id); }

  function text(el, value) { el.textContent = value; }

  function request(method, url, body, headers, progress, done) {
    var x = new XMLHttpRequest();
    x.open(method, url, true);
    x.timeout = 120000;
    var name;
    for (name in headers) {
      if (headers.hasOwnProperty(name)) { x.setRequestHeader(name, headers[name]); }
    }
    if (progress && x.upload) {
      x.upload.onprogress = function (e) { if (e.lengthComputable) { progress(e.loaded); } };
    }
    x.onload = function () {
      var data = null;
      try { data = JSON.parse(x.responseText); } catch (e) { data = null; }
      done(x.status, data);
    };
    x.onerror = function () { done(0, null); };
    x.ontimeout = function () { done(0, null); };
    x.send(body);
  }

  // FNV-1a over the name, size and time of the picked file: the same file picked
  // again gets the same key, so it resumes (or is answered) instead of starting over.
  function keyOf(file) {
    var s = file.name + "|" + file.size + "|" + (file.lastModified || 0);
    var a = 0x811c9dc5, b = 0x01000193 ^ s.length, i, c;
    for (i = 0; i < s.length; i++) {
      c = s.charCodeAt(i);
      a = Math.imul ? Math.imul(a ^ c, 0x01000193) >>> 0 : ((a ^ c) * 16777619) >>> 0;
      b = Math.imul ? Math.imul(b ^ c, 0x5bd1e995) >>> 0 : ((b ^ c) * 1540483477) >>> 0;
    }
    return "k" + a.toString(16) + b.toString(16) + file.size.toString(16);
  }

  function sizeText(n) {
    if (n >= 1048576) { return (n / 1048576).toFixed(1) + " MB"; }
    if (n >= 1024) { return Math.round(n / 1024) + " KB"; }
    return n + " 字节";
  }

  // Chinese first; the laptop's own reason (as `photo add` gives it) in brackets.
  var REASONS = [
    [/empty/, "文件是空的（0 字节）"],
    [/damaged or incomplete/, "照片数据损坏或不完整（可能没传完整）"],
    [/ZIP archive/, "这是压缩包，不是照片"],
    [/decompression bomb/, "像素数异常，疑似“压缩炸弹”"],
    [/claims/, "文件头声称的尺寸不合理"],
    [/header is damaged/, "文件头已损坏"],
    [/not a photo|not an image|text file|not supported/, "不是可接受的照片格式"],
    [/changed while/, "文件在传输中被改动，请重试"]
  ];

  function reason(error) {
    var i;
    for (i = 0; i < REASONS.length; i++) {
      if (REASONS[i][0].test(error)) { return REASONS[i][1] + "（" + error + "）"; }
    }
    return error;
  }

  function setStatus(item, cls, value) {
    item.li.className = cls;
    text(item.status, value);
  }

  function addItem(file) {
    var li = document.createElement("li");
    var name = document.createElement("div");
    var status = document.createElement("div");
    var bar = document.createElement("div");
    var fill = document.createElement("div");
    name.className = "name";
    status.className = "status";
    bar.className = "bar";
    text(name, file.name + "  " + sizeText(file.size));
    bar.appendChild(fill);
    li.appendChild(name);
    li.appendChild(status);
    li.appendChild(bar);
    $("list").insertBefore(li, $("list").firstChild);
    return { file: file, key: keyOf(file), li: li, status: status, fill: fill, tries: 0 };
  }

  function pick(input) {
    var files = input.files, i, item;
    for (i = 0; i < files.length; i++) {
      item = addItem(files[i]);
      if (files[i].size > maxBytes) {
        setStatus(item, "bad", "未保存：照片超过 " + Math.round(maxBytes / 1048576) + " MB");
        continue;
      }
      setStatus(item, "wait", "排队中…");
      waiting.push(item);
    }
    input.value = "";
    pump();
  }

  function pump() {
    while (running < PARALLEL && waiting.length && !ended) {
      running++;
      ask(waiting.shift());
    }
  }

  function finished(item, result) {
    running--;
    if (result.ok) {
      var when = result.taken_at ? "，拍摄于 " + result.taken_at.replace("T", " ").slice(0, 16) : "";
      setStatus(item, "ok", result.duplicate
        ? "电脑上已有这张照片，只存一份 ✓"
        : "电脑已保存 ✓ " + result.width + "×" + result.height + when);
    } else {
      setStatus(item, "bad", "未保存：" + reason(result.error));
    }
    refresh();
    pump();
  }

  function stopAll() {
    ended = true;
    var notice = $("notice");
    notice.hidden = false;
    text(notice, "链接已失效（电脑上的对话框已关闭或超时）。请在电脑上重新点“用手机拍照”，再扫新的二维码。");
  }

  function retry(item) {
    item.tries++;
    var wait = Math.min(10, item.tries * 2);
    setStatus(item, "wait", "网络中断，" + wait + " 秒后从断点继续…");
    setTimeout(function () { ask(item); }, wait * 1000);
  }

  function ask(item) {
    if (ended) { return; }
    request("GET", "u/" + item.key, null, {}, null, function (status, data) {
      if (status === 403) { stopAll(); return; }
      if (status !== 200 || !data) { retry(item); return; }
      if (data.result) { finished(item, data.result); return; }
      send(item, data.received);
    });
  }

  function send(item, offset) {
    var file = item.file;
    var body = offset > 0 ? file.slice(offset) : file;
    var headers = {
      "X-Offset": String(offset),
      "X-Total": String(file.size),
      "X-Name": encodeURIComponent(file.name)
    };
    setStatus(item, "wait", offset > 0 ? "从断点继续上传…" : "上传中…");
    request("PUT", "u/" + item.key, body, headers, function (loaded) {
      var pct = file.size ? Math.floor((offset + loaded) * 100 / file.size) : 100;
      item.fill.style.width = pct + "%";
      text(item.status, (pct < 100 ? "上传中 " + pct + "%" : "电脑正在检查照片…"));
    }, function (status, data) {
      if (status === 200 && data) {
        if (data.result) { finished(item, data.result); } else { ask(item); }
      } else if (status === 403) {
        stopAll();
      } else if (status === 409 || status === 0 || status === 429) {
        retry(item);
      } else {
        finished(item, { ok: false, error: (data && data.error) || ("HTTP " + status) });
      }
    });
  }

  function refresh() {
    request("GET", "state", null, {}, null, function (status, data) {
      if (status === 403) { stopAll(); return; }
      if (status !== 200 || !data) { return; }
      maxBytes = data.max_bytes;
      text($("kind"), data.kind_label);
      text($("title"), data.title);
      text($("subtitle"), data.subtitle);
      stored = 0;
      var i;
      for (i = 0; i < data.results.length; i++) { if (data.results[i].ok) { stored++; } }
      text($("summary"), "电脑已保存本次的 " + stored + " 张照片");
      text($("expiry"), "没有新照片 " + data.idle_minutes + " 分钟后链接失效；电脑上的对话框关闭时也立即失效。");
    });
  }

  $("camera").onchange = function () { pick(this); };
  $("gallery").onchange = function () { pick(this); };
  window.addEventListener("online", function () { pump(); });
  refresh();
  setInterval(function () { if (!ended) { refresh(); } }, 15000);
}());
