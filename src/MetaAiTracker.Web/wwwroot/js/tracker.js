// The few things Blazor cannot do from the server: scroll between a highlighted span and its entry in the side list.
window.tracker = {
    showItem(itemId) {
        const mark = document.querySelector(`.source-text [data-items~="${itemId}"]`);
        if (!mark) return false;
        mark.scrollIntoView({ behavior: 'smooth', block: 'center' });
        document.querySelectorAll('.current').forEach(m => m.classList.remove('current'));
        mark.classList.add('current');
        return true;
    }
};

// A click on a highlight goes back to its entry in the side list.
document.addEventListener('click', e => {
    const mark = e.target.closest?.('.source-text mark[data-items]');
    if (!mark) return;
    const id = mark.dataset.items.split(' ')[0];
    const side = document.querySelector(`[data-side-item="${id}"]`);
    if (!side) return;
    side.scrollIntoView({ behavior: 'smooth', block: 'center' });
    document.querySelectorAll('.current').forEach(m => m.classList.remove('current'));
    side.classList.add('current');
    mark.classList.add('current');
});

// The editor's selection in the source text, as offsets into the article (the container's text is the article's text).
window.tracker.selection = selector => {
    const root = document.querySelector(selector);
    const sel = window.getSelection();
    if (!root || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
    const before = document.createRange();
    before.selectNodeContents(root);
    before.setEnd(range.startContainer, range.startOffset);
    const start = before.toString().length;
    const text = range.toString();
    return { start, end: start + text.length, text };
};

// The add page's limits, checked before anything is sent (the server checks them again). A paste past the live
// connection's message limit would drop the circuit with no word, and more files than the limit froze the page; so
// the change is stopped here, in the capture phase, before Blazor's own listeners see it, and the refusal (rendered by
// the server in the reader's language, with the limit) is shown under the control. What was typed stays in the box.
const utf8 = new TextEncoder();
function refuse(control, message) {
    const note = control.closest('section')?.querySelector('.client-refusal');
    if (!note) return;
    note.textContent = message ?? '';
    note.hidden = message == null;
}
function pasteRefusal(box, value = box.value) {
    const bytes = utf8.encode(value).length;
    const json = utf8.encode(JSON.stringify(value)).length;
    // The named limit is the reader's; the second only bites on a text of many escapes (quotes, control characters).
    if (bytes > Number(box.dataset.maxBytes)) return box.dataset.tooLarge.replace('{size}', bytes.toLocaleString('en-US'));
    if (json > Number(box.dataset.maxMessage) - 100_000) return box.dataset.tooLarge.replace('{size}', json.toLocaleString('en-US'));
    return null;
}
window.addEventListener('change', e => {
    const el = e.target;
    let message = null;
    if (el.matches?.('textarea[data-max-bytes]')) message = pasteRefusal(el);
    else if (!el.matches?.('input[type=file][data-max-files]')) return;
    else if (el.files.length > Number(el.dataset.maxFiles)) {
        message = el.dataset.tooMany.replace('{count}', el.files.length);
        el.value = '';
    }
    refuse(el, message);
    if (message != null) e.stopImmediatePropagation();
}, true);
// A paste is measured before it enters the box: millions of Arabic characters in a textarea keep Chromium laying
// them out for minutes, so a paste past the limit is not let in at all (what the box held before stays).
window.addEventListener('paste', e => {
    const box = e.target;
    if (!box.matches?.('textarea[data-max-bytes]')) return;
    const pasted = e.clipboardData?.getData('text/plain') ?? '';
    const message = pasteRefusal(box, box.value.slice(0, box.selectionStart) + pasted + box.value.slice(box.selectionEnd));
    refuse(box, message);
    if (message != null) e.preventDefault();
}, true);
// A button beside a refused paste would send the last accepted text instead: it is stopped too, with the same refusal.
window.addEventListener('click', e => {
    const box = e.target.closest?.('button')?.closest('section')?.querySelector('textarea[data-max-bytes]');
    const message = box && pasteRefusal(box);
    if (!message) return;
    refuse(box, message);
    e.stopImmediatePropagation();
    e.preventDefault();
}, true);

// A shell command's copy button (Shared/ShellCommand): the command to the clipboard, and a visible confirmation.
// The clipboard API needs a secure context (https, or http on localhost); elsewhere the command is selected for Ctrl+C.
document.addEventListener('click', async e => {
    const button = e.target.closest?.('button.copy-command');
    if (!button) return;
    const block = button.closest('.shell-command');
    const done = block.querySelector('.copy-done');
    const select = block.querySelector('.copy-select');
    let copied = false;
    try {
        if (navigator.clipboard && window.isSecureContext) {
            await navigator.clipboard.writeText(button.dataset.command);
            copied = true;
        }
    } catch { /* refused: fall back to selecting it */ }
    if (!copied) {
        const range = document.createRange();
        range.selectNodeContents(block.querySelector('code'));
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
    }
    done.hidden = !copied;
    select.hidden = copied;
    button.classList.toggle('copied', copied);
    clearTimeout(button.copyTimer);
    button.copyTimer = setTimeout(() => { done.hidden = true; select.hidden = true; button.classList.remove('copied'); }, 3000);
});
