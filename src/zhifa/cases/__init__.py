"""Punishment cases (行政处罚案件): the case record, 简易程序 decisions and the legal guards of 一般程序."""
