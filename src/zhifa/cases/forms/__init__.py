"""Forms of the case module, one module per topic: registration and 简易程序, procedure actions, execution, warnings."""
