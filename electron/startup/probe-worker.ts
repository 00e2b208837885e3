import { parentPort, workerData } from "node:worker_threads";
import { useNativeBinding } from "../../db/open";
import { probeDatabase, type ProbeRequest } from "./probe";

/**
 * The startup probe in its own thread (./probe.ts `probeOffMainThread`): one probe, one answer, then the thread ends.
 */
const request = workerData as ProbeRequest;
useNativeBinding(request.nativeBinding);
parentPort?.postMessage(probeDatabase(request.file, request.opts));
