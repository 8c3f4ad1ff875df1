import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Built by the WebGateway project's build into dist/, copied next to the gateway as ui/ (see WebGateway.csproj).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
  },
});
