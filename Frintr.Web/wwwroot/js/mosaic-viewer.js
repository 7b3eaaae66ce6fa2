// The finished mosaic in OpenSeadragon (served by Frintr: /lib/openseadragon), over the worker's Deep Zoom pyramid,
// with the friend of each tile: on hover, on tap (pinned), and at the centre while moving with the keyboard.
let loading = null;

function loadOpenSeadragon() {
    if (window.OpenSeadragon) return Promise.resolve();
    loading ??= new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = '/lib/openseadragon/openseadragon.min.js';
        script.onload = () => resolve();
        script.onerror = () => reject(new Error('OpenSeadragon could not be loaded'));
        document.head.appendChild(script);
    });
    return loading;
}

// Only web links: a profile address from elsewhere must never run script here.
function safeLink(url) {
    try {
        const parsed = new URL(url);
        return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch { return null; }
}

export async function open(element, who, dziUrl, map) {
    await loadOpenSeadragon();
    const viewer = OpenSeadragon({
        element,
        tileSources: dziUrl,
        showNavigationControl: false,   // our own labelled buttons instead of image buttons
        visibilityRatio: 1,
        minZoomImageRatio: 0.9,
        maxZoomPixelRatio: 4,
        gestureSettingsTouch: { clickToZoom: false, dblClickToZoom: true },
        gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: true },
        crossOriginPolicy: false,
        preserveImageSizeOnResize: true,
    });
    let pinned = false;
    let shown = -1;

    const cellAt = point => {
        if (!map || !viewer.world.getItemAt(0)) return -1;
        const image = viewer.viewport.viewportToImageCoordinates(point);
        const col = Math.floor(image.x / map.tileSize), row = Math.floor(image.y / map.tileSize);
        if (col < 0 || row < 0 || col >= map.columns || row >= map.rows) return -1;
        return map.cells[row * map.columns + col];
    };

    function show(friend) {
        if (friend === shown) return;
        shown = friend;
        who.replaceChildren();
        if (friend < 0) { who.textContent = 'Point at a tile (or tap it) to see who it is.'; return; }
        const profile = map.friends[friend];
        const name = document.createElement('strong');
        name.className = 'friend-name';
        name.textContent = profile.name;
        who.append(name);
        const link = safeLink(profile.profileUrl);
        if (link) {
            const a = document.createElement('a');
            a.href = link; a.rel = 'noopener noreferrer'; a.target = '_blank';
            a.textContent = 'profile';
            who.append(' · ', a);
        }
        who.dataset.friend = String(friend);
    }

    const elementPoint = event => viewer.viewport.pointFromPixel(event.position);
    const tracker = new OpenSeadragon.MouseTracker({
        element: viewer.canvas,
        moveHandler: event => { if (!pinned && event.pointerType === 'mouse') show(cellAt(elementPoint(event))); },
    });
    viewer.addHandler('canvas-click', event => {
        if (!event.quick) return;
        pinned = true;
        show(cellAt(elementPoint(event)));
    });
    viewer.addHandler('canvas-key', () => { pinned = false; });
    viewer.addHandler('animation-finish', () => {
        if (document.activeElement === viewer.canvas && !pinned) show(cellAt(viewer.viewport.getCenter(true)));
    });
    viewer.addHandler('open', () => { element.dataset.ready = 'true'; });
    viewer.addHandler('zoom', event => { element.dataset.zoom = String(Math.round(event.zoom * 100) / 100); });
    viewer.canvas.setAttribute('aria-label', element.getAttribute('aria-label') || 'Your mosaic');

    return {
        zoomIn() { viewer.viewport.zoomBy(2); viewer.viewport.applyConstraints(); },
        zoomOut() { viewer.viewport.zoomBy(0.5); viewer.viewport.applyConstraints(); },
        home() { viewer.viewport.goHome(); },
        dispose() { tracker.destroy(); viewer.destroy(); },
    };
}

export async function copy(text) {
    try { await navigator.clipboard.writeText(text); return true; }
    catch { return false; }
}
