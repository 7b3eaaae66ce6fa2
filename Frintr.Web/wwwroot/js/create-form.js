// The create page's browser side: drop-zone highlighting, and the target picture's preview with a crop frame.
// The picture never leaves the browser for this; the crop goes back to .NET as fractions of the upright picture.
export function targetPicker(zone, crop, dotnet) {
    const input = zone.querySelector('input[type=file]');
    const img = crop.querySelector('img.crop-picture');
    const frame = crop.querySelector('.crop-frame');
    let url = null;
    let aspect = null;               // width / height of the frame in picture pixels, or null: the whole picture
    let box = { left: 0, top: 0, width: 1, height: 1 };
    const cleanups = [];
    const on = (target, type, handler, options) => {
        target.addEventListener(type, handler, options);
        cleanups.push(() => target.removeEventListener(type, handler, options));
    };

    for (const type of ['dragenter', 'dragover']) on(zone, type, () => zone.classList.add('dragging'));
    for (const type of ['dragleave', 'drop']) on(zone, type, () => zone.classList.remove('dragging'));

    on(input, 'change', () => {
        const file = input.files && input.files[0];
        if (url) URL.revokeObjectURL(url);
        url = file ? URL.createObjectURL(file) : null;
        if (url) img.src = url; else img.removeAttribute('src');
    });
    on(img, 'load', () => reset());

    const natural = () => ({ w: img.naturalWidth || 1, h: img.naturalHeight || 1 });

    function reset() {
        const { w, h } = natural();
        if (!aspect) {
            box = { left: 0, top: 0, width: 1, height: 1 };
        } else if (w / h > aspect) {        // picture wider than the frame: full height
            const width = (h * aspect) / w;
            box = { left: (1 - width) / 2, top: 0, width, height: 1 };
        } else {
            const height = (w / aspect) / h;
            box = { left: 0, top: (1 - height) / 2, width: 1, height };
        }
        draw();
        send();
    }

    function clamp() {
        box.width = Math.min(1, Math.max(0.05, box.width));
        box.height = Math.min(1, Math.max(0.05, box.height));
        box.left = Math.min(1 - box.width, Math.max(0, box.left));
        box.top = Math.min(1 - box.height, Math.max(0, box.top));
    }

    function draw() {
        frame.hidden = !aspect;
        frame.style.left = (box.left * 100) + '%';
        frame.style.top = (box.top * 100) + '%';
        frame.style.width = (box.width * 100) + '%';
        frame.style.height = (box.height * 100) + '%';
    }

    function send() {
        const { w, h } = natural();
        if (img.naturalWidth) dotnet.invokeMethodAsync('OnCrop', box.left, box.top, box.width, box.height, w, h);
    }

    // Resizing keeps the aspect: the width changes by a factor, the height follows in picture pixels.
    function scale(factor) {
        const { w, h } = natural();
        const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
        let width = box.width * factor;
        let height = aspect ? (width * w / aspect) / h : box.height * factor;
        if (width > 1) { height /= width; width = 1; }
        if (height > 1) { width /= height; height = 1; }
        box = { left: cx - width / 2, top: cy - height / 2, width, height };
        clamp();
    }

    let drag = null;
    on(frame, 'pointerdown', e => {
        drag = { x: e.clientX, y: e.clientY, left: box.left, top: box.top };
        frame.setPointerCapture(e.pointerId);
        e.preventDefault();
    });
    on(frame, 'pointermove', e => {
        if (!drag) return;
        const rect = img.getBoundingClientRect();
        box.left = drag.left + (e.clientX - drag.x) / rect.width;
        box.top = drag.top + (e.clientY - drag.y) / rect.height;
        clamp();
        draw();
    });
    on(frame, 'pointerup', () => { if (drag) { drag = null; send(); } });
    on(frame, 'wheel', e => { e.preventDefault(); scale(e.deltaY < 0 ? 1.05 : 1 / 1.05); draw(); send(); }, { passive: false });
    on(frame, 'keydown', e => {
        const step = e.shiftKey ? 0.1 : 0.02;
        const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
        if (moves[e.key]) { box.left += moves[e.key][0]; box.top += moves[e.key][1]; clamp(); }
        else if (e.key === '+' || e.key === '=') scale(1.05);
        else if (e.key === '-' || e.key === '_') scale(1 / 1.05);
        else return;
        e.preventDefault();
        draw();
        send();
    });

    return {
        setAspect(value) { aspect = value || null; if (img.naturalWidth) reset(); else draw(); },
        dispose() { cleanups.forEach(c => c()); if (url) URL.revokeObjectURL(url); },
    };
}
