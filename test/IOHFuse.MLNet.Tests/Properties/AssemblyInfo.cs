// TorchSharp tests share process-wide native thread pools and seeds: run them one at a time.
[assembly: DoNotParallelize]
