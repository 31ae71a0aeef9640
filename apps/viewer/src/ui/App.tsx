import { AttributePanel } from './AttributePanel.js';
import { LoadingOverlay } from './LoadingOverlay.js';
import { SceneView } from './SceneView.js';
import { TopBar } from './TopBar.js';
import { UndergroundToggle } from './UndergroundToggle.js';

export function App() {
  return (
    <div className="app">
      <SceneView />
      <TopBar />
      <nav className="toolbar">
        <UndergroundToggle />
      </nav>
      <AttributePanel />
      <LoadingOverlay />
    </div>
  );
}
