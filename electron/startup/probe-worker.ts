import { parentPort, workerData } from "node:worker_threads";
import { useNativeBinding } from "../../db/open";
import { quickCheck, type QuickCheckRequest } from "./probe";
import { lowerThisThread } from "../background/priority";

/**
 * The quick check after an unclean close in its own thread (./probe.ts `quickCheckOffMainThread`): one check, one
 * answer, then the thread ends.
 */
const request = workerData as QuickCheckRequest;
useNativeBinding(request.nativeBinding);
lowerThisThread();
parentPort?.postMessage(quickCheck(request.file));
