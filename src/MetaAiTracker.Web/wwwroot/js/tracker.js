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
