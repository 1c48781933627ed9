// Entry point of the console bundle: the stylesheet and the app, mounted on #app of index.html.
import './styles.css';
import { render } from 'preact';
import { App } from './App';

render(<App />, document.getElementById('app')!);
