// Chart.js with only the pieces the console draws (bar charts on category/linear scales, tooltips): a smaller bundle than chart.js/auto.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif';
Chart.defaults.color = '#3d4350';
// The page polls every 1.5 s: an animation on every refresh would never rest.
Chart.defaults.animation = false;

export { Chart };
