"""Process engine (A9): versioned BPMN procedures, approvals, legal stage guards and task deadlines.

Procedures are BPMN 2.0 models run by SpiffWorkflow. The serialised workflow is stored on the
instance; open work is kept in indexed ``WorkItem`` rows so that "my todos" is one query.
Every action goes through ``zhifa.workflow.services``.
"""
