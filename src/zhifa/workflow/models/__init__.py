from .definitions import ProcessDefinition, ProcessVersion
from .instances import Deputy, ProcessInstance, ProcessState, TimelineEvent, WorkItem

__all__ = ["Deputy", "ProcessDefinition", "ProcessInstance", "ProcessState", "ProcessVersion", "TimelineEvent", "WorkItem"]
