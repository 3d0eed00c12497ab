// Plain SVG bar charts. Labels are set with textContent; nothing is parsed as markup.
'use strict';

window.MeshCharts = (() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const WIDTH = 480;
  const HEIGHT = 160;
  const BOTTOM = 20;
  const LEFT = 30;

  function node(name, attributes) {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) {
      element.setAttribute(key, String(value));
    }
    return element;
  }

  function text(x, y, content, anchor) {
    const label = node('text', { x, y, 'text-anchor': anchor || 'middle', class: 'chart-label' });
    label.textContent = content;
    return label;
  }

  // bars: [{label, value, title}]; draws them scaled to the largest value, with a y-axis maximum.
  function bars(container, bars, description) {
    const svg = node('svg', {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: 'img',
      preserveAspectRatio: 'none',
    });
    const title = node('title', {});
    title.textContent = description;
    svg.appendChild(title);
    const max = Math.max(1, ...bars.map((bar) => bar.value));
    const step = (WIDTH - LEFT) / Math.max(1, bars.length);
    const usable = HEIGHT - BOTTOM - 4;
    svg.appendChild(text(LEFT - 4, 10, String(Math.round(max * 10) / 10), 'end'));
    svg.appendChild(text(LEFT - 4, HEIGHT - BOTTOM, '0', 'end'));
    bars.forEach((bar, i) => {
      const height = (bar.value / max) * usable;
      const rect = node('rect', {
        x: LEFT + i * step + 1,
        y: HEIGHT - BOTTOM - height,
        width: Math.max(1, step - 2),
        height,
        class: 'chart-bar',
      });
      const tip = node('title', {});
      tip.textContent = bar.title;
      rect.appendChild(tip);
      svg.appendChild(rect);
      if (bar.label) {
        svg.appendChild(text(LEFT + i * step + step / 2, HEIGHT - 6, bar.label));
      }
    });
    container.replaceChildren(svg);
  }

  return { bars };
})();
