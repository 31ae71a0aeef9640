import { LoadingOverlay } from './LoadingOverlay.js';
import { SceneView } from './SceneView.js';
import { TopBar } from './TopBar.js';

export function App() {
  return (
    <div className="app">
      <SceneView />
      <TopBar />
      <LoadingOverlay />
    </div>
  );
}
