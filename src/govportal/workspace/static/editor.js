/* Workspace document form: start deform's widgets (TinyMCE) and let TinyMCE
 * upload images to the document (the CSRF token travels in a header); on a
 * new document the first image creates the draft and the form turns into
 * its edit form, keeping what was typed. */
(function () {
  'use strict';
  var holder = document.querySelector('.ws-form');
  var token = holder ? holder.getAttribute('data-csrf') : '';
  var form = holder ? holder.querySelector('form') : null;
  function randomId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ('0' + b.toString(16)).slice(-2);
    }).join('');
  }
  // After an upload: the form saves into the document that holds the image
  // (the draft the first upload created), with the document's serial.
  function becomeDraft(editor, answer) {
    if (form && answer.edit_url) { form.setAttribute('action', answer.edit_url); }
    var serial = form && form.querySelector('[name="serial"]');
    if (serial && answer.serial) { serial.value = answer.serial; }
    if (answer.upload_url) { editor.options.set('images_upload_url', answer.upload_url); }
    if (holder && holder.getAttribute('data-form-id')) {
      holder.setAttribute('data-form-id', '');
      var note = document.createElement('p');
      note.className = 'ws-muted ws-draft-created';
      note.setAttribute('role', 'status');
      note.textContent = '已自动创建草稿以保存插入的图片，请继续编辑并保存。';
      holder.parentNode.insertBefore(note, holder);
    }
  }
  if (window.tinymce) {
    window.tinymce.overrideDefaults({
      setup: function (editor) {
        // heading buttons whose visible text is their accessible name
        [['wsh2', 'h2', '二级标题'], ['wsh3', 'h3', '三级标题']].forEach(function (b) {
          editor.ui.registry.addToggleButton(b[0], {
            text: b[2],
            tooltip: b[2],
            onAction: function () { editor.execCommand('mceToggleFormat', false, b[1]); },
            onSetup: function (api) {
              return editor.formatter.formatChanged(b[1], function (on) { api.setActive(on); }).unbind;
            }
          });
        });
      },
      images_upload_handler: function (blobInfo, progress) {
        return new Promise(function (resolve, reject) {
          var editor = window.tinymce.activeEditor;
          var url = editor && editor.options.get('images_upload_url');
          if (!url) {
            reject({message: '图片上传失败：缺少上传地址。', remove: true});
            return;
          }
          var data = new FormData();
          data.append('file', blobInfo.blob(), blobInfo.filename());
          // one id per file: a repeated request finds the first upload
          data.append('upload_id', blobInfo.wsUploadId || (blobInfo.wsUploadId = randomId()));
          var formId = holder ? holder.getAttribute('data-form-id') : '';
          if (formId) {
            // a new document: the first image creates its draft with what
            // was typed so far; the form then becomes the draft's edit form
            data.append('form_id', formId);
            var title = form && form.querySelector('[name="title"]');
            data.append('title', title ? title.value : '');
          }
          var xhr = new XMLHttpRequest();
          xhr.open('POST', url);
          xhr.setRequestHeader('X-CSRF-Token', token);
          xhr.setRequestHeader('Accept', 'application/json');
          xhr.upload.onprogress = function (e) { progress(e.loaded / e.total * 100); };
          xhr.onload = function () {
            var answer = {};
            try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = {}; }
            if (xhr.status === 200 && answer.location) {
              becomeDraft(editor, answer);
              resolve(answer.location);
            } else { reject({message: answer.error || '图片上传失败。', remove: true}); }
          };
          xhr.onerror = function () { reject({message: '图片上传失败，请检查网络。', remove: true}); };
          xhr.send(data);
        });
      }
    });
  }
  // Start TinyMCE on the rich-text fields (deform's own template would do it
  // from an inline script, which the Content-Security-Policy refuses).
  if (window.tinymce) {
    document.querySelectorAll('textarea[data-tinymce]').forEach(function (area) {
      var options = {};
      try { options = JSON.parse(area.getAttribute('data-tinymce')); } catch (e) { options = {}; }
      options.selector = '#' + area.id;
      window.tinymce.init(options);
    });
  }
  if (window.deform) { window.deform.load(); }

  // The edit lock is taken by a POST (a GET of the form changes nothing):
  // once the form is open, and again every ten minutes while it stays open.
  var lockUrl = holder ? holder.getAttribute('data-lock-url') : '';
  var offer = document.querySelector('.ws-lock-offer');
  function say(text) {
    var box = document.querySelector('.ws-lock-js');
    if (!box) {
      box = document.createElement('div');
      box.className = 'ws-lock ws-lock-js';
      box.setAttribute('role', 'status');
      holder.parentNode.insertBefore(box, holder);
    }
    box.textContent = text;
  }
  function takeLock() {
    var data = new FormData();
    data.append('csrf_token', token);
    fetch(lockUrl, {
      method: 'POST',
      body: data,
      credentials: 'same-origin',
      headers: {'Accept': 'application/json', 'X-CSRF-Token': token}
    }).then(function (res) {
      return res.json().then(function (answer) { return {ok: res.ok, answer: answer}; });
    }).then(function (r) {
      if (r.ok && r.answer.ok) {
        if (offer) { offer.hidden = true; }
        say(r.answer.message || '已锁定该稿件。');
      } else {
        say((r.answer.errors || ['锁定未成功。']).join(' '));
      }
    }).catch(function () { /* the 开始编辑 button still works */ });
  }
  if (lockUrl && holder) {
    takeLock();
    window.setInterval(takeLock, 10 * 60 * 1000);
  }
})();
