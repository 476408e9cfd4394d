// 申报工作台: a little JavaScript, no libraries. Highlight links between the notice text and its
// requirements, and poll a screening job's progress so that a reload keeps showing it.
(function () {
  "use strict";

  function focus(ref) {
    document.querySelectorAll(".focus").forEach(function (el) { el.classList.remove("focus"); });
    var mark = document.getElementById("t-" + ref);
    var item = document.getElementById("req-" + ref);
    [mark, item].forEach(function (el) { if (el) { el.classList.add("focus"); } });
    return { mark: mark, item: item };
  }

  document.addEventListener("click", function (event) {
    var jump = event.target.closest("a.jump");
    if (jump) {
      event.preventDefault();
      var ref = jump.closest("[data-ref]").getAttribute("data-ref");
      var found = focus(ref);
      if (found.mark) { found.mark.scrollIntoView({ block: "center", behavior: "smooth" }); }
      return;
    }
    var mark = event.target.closest("mark[data-ref]");
    if (mark) {
      var hit = focus(mark.getAttribute("data-ref"));
      if (hit.item) { hit.item.scrollIntoView({ block: "center", behavior: "smooth" }); }
      return;
    }
    var back = event.target.closest("a[data-back]");
    if (back && window.history.length > 1) { event.preventDefault(); window.history.back(); }
  });

  function setBar(pct) {
    var bar = document.getElementById("bar");
    if (bar) { bar.style.width = Math.max(0, Math.min(100, pct)) + "%"; }
  }

  var LABELS = { queued: "排队中", running: "进行中", done: "已完成", failed: "失败", interrupted: "已中断" };

  function poll(card) {
    var id = card.getAttribute("data-job");
    fetch("/api/jobs/" + encodeURIComponent(id), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (job) {
        document.getElementById("done").textContent = job.done;
        document.getElementById("total").textContent = job.total;
        document.getElementById("status").textContent = LABELS[job.status] || job.status;
        setBar(job.total ? 100 * job.done / job.total : 0);
        card.setAttribute("data-status", job.status);
        if (job.status === "done") {
          window.location.reload();
        } else if (job.status === "failed" || job.status === "interrupted") {
          var err = document.getElementById("job-error");
          err.textContent = job.error || (LABELS[job.status] || job.status);
          err.hidden = false;
        } else {
          window.setTimeout(function () { poll(card); }, 1000);
        }
      })
      .catch(function () { window.setTimeout(function () { poll(card); }, 3000); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var bar = document.getElementById("bar");
    if (bar) { setBar(parseFloat(bar.getAttribute("data-pct") || "0")); }
    var card = document.getElementById("job");
    if (card && ["queued", "running"].indexOf(card.getAttribute("data-status")) >= 0) { poll(card); }
    if (window.location.hash.indexOf("#req-") === 0) { focus(decodeURIComponent(window.location.hash.slice(5))); }
  });
})();
