// ML.NET composition: IOHFuse estimators in an ordinary pipeline, case-grouped cross-validation, save/load, PredictionEngine.
// Usage: dotnet run -c Release --project samples/IOHFuse.Samples.Composition
IOHFuse.Samples.Composition.CompositionSample.Run(cases: 60, folds: 3, Console.Out, Path.Combine(Path.GetTempPath(), "iohfuse-composition.zip"));
return 0;
