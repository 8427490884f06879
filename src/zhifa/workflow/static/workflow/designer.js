/* 流程设计器：bpmn-js 建模器 + 属性面板（Camunda 扩展属性），中文界面，不提供脚本任务。 */
(function () {
  "use strict";

  // 界面文字的中文译名（bpmn-js 与属性面板通过 translate 服务取文字）。
  var ZH = {
    "Activate the hand tool": "抓手工具", "Activate the lasso tool": "套索工具",
    "Activate the create/remove space tool": "空间工具", "Activate the global connect tool": "连线工具",
    "Create StartEvent": "开始事件", "Create EndEvent": "结束事件", "Create Task": "任务",
    "Create Gateway": "网关", "Create intermediate/boundary event": "中间事件",
    "Create DataObjectReference": "数据对象", "Create DataStoreReference": "数据存储",
    "Create expanded SubProcess": "子流程", "Create Pool/Participant": "泳池", "Create Group": "分组",
    "Append task": "追加任务", "Append end event": "追加结束事件", "Append gateway": "追加网关",
    "Append intermediate/boundary event": "追加中间事件", "Append element": "追加元素",
    "Change element": "更改类型", "Change type": "更改类型", "Delete": "删除", "Connect using Sequence/MessageFlow or Association": "连线",
    "Connect to other element": "连接到其他元素", "Add text annotation": "添加注释",
    "General": "常规", "Name": "名称", "ID": "标识", "Documentation": "说明", "Element documentation": "元素说明",
    "Extension properties": "环节属性", "Add": "添加", "Value": "值", "Properties": "属性",
    "Process": "流程", "Executable": "可执行", "User task": "用户任务", "Task": "任务", "Start event": "开始事件",
    "End event": "结束事件", "Exclusive gateway": "排他网关", "Parallel gateway": "并行网关", "Sequence flow": "顺序流",
    "Condition": "条件", "Condition expression": "条件表达式", "Type": "类型", "Expression": "表达式",
    "<none>": "（无）", "Default flow": "默认流向", "Conditional flow": "条件流向", "Version tag": "版本标签",
    "Search": "搜索", "Search in diagram": "在图中搜索", "Inclusive gateway": "包容网关",
    "Empty": "空", "Collapse": "收起", "Expand": "展开", "Remove": "移除", "Delete item": "删除此项",
    "Create new list item": "新增", "No properties to display": "没有可显示的属性",
    "Select a single element to edit its properties.": "请选择一个元素以编辑其属性。",
    "Default": "默认", "Sequence Flow": "顺序流", "User Task": "用户任务", "Exclusive Gateway": "排他网关",
    "Start Event": "开始事件", "End Event": "结束事件", "Parallel Gateway": "并行网关"
  };

  // 属性面板只保留本系统使用的分组：常规、说明、环节属性、条件。
  var KEPT_GROUPS = /^(general|documentation|CamundaPlatform__ExtensionProperties|CamundaPlatform__Condition)$/;

  function KeptGroupsOnly(propertiesPanel) { propertiesPanel.registerProvider(1, this); }
  KeptGroupsOnly.$inject = ["propertiesPanel"];
  KeptGroupsOnly.prototype.getGroups = function () {
    return function (groups) { return groups.filter(function (group) { return KEPT_GROUPS.test(group.id); }); };
  };

  function translate(template, replacements) {
    replacements = replacements || {};
    return (ZH[template] || template).replace(/{([^}]+)}/g, function (_, key) { return replacements[key] || "{" + key + "}"; });
  }

  var FORBIDDEN = /script-task|service-task|send-task|business-rule-task|call-activity|receive-task|manual-task/i;

  // 从替换、追加、创建菜单中去掉脚本任务等本系统不执行的任务类型。
  function NoScriptTasks(popupMenu) {
    ["bpmn-replace", "bpmn-append", "bpmn-create"].forEach(function (id) { popupMenu.registerProvider(id, 100, this); }, this);
  }
  NoScriptTasks.$inject = ["popupMenu"];
  NoScriptTasks.prototype.getPopupMenuEntries = function () {
    return function (entries) {
      Object.keys(entries).forEach(function (key) { if (FORBIDDEN.test(key)) { delete entries[key]; } });
      return entries;
    };
  };

  function start(root) {
    var status = root.querySelector("[data-designer-status]");
    var xmlInput = root.querySelector("input[name=xml]");
    var source = JSON.parse(document.getElementById("bpmn-source").textContent);
    fetch(root.dataset.moddle).then(function (r) { return r.json(); }).then(function (camunda) {
      var panels = window.BpmnJSPropertiesPanel;
      var modeler = new window.BpmnJS({
        container: root.querySelector("[data-canvas]"),
        propertiesPanel: { parent: root.querySelector("[data-properties]") },
        additionalModules: [
          panels.BpmnPropertiesPanelModule, panels.BpmnPropertiesProviderModule,
          panels.CamundaPlatformPropertiesProviderModule,
          {
            __init__: ["noScriptTasks", "keptGroupsOnly"], noScriptTasks: ["type", NoScriptTasks],
            keptGroupsOnly: ["type", KeptGroupsOnly], translate: ["value", translate]
          }
        ],
        moddleExtensions: { camunda: camunda }
      });
      window.zhifaModeler = modeler;
      return modeler.importXML(source).then(function () {
        var canvas = modeler.get("canvas");
        canvas.zoom("fit-viewport");
        canvas.scroll({ dx: 90, dy: 0 });  // 让出左侧工具栏
        status.textContent = "模型已载入，可以编辑";
        root.dataset.ready = "1";
        var form = root.querySelector("form[data-save]");
        form.addEventListener("submit", function (event) {
          if (xmlInput.value) { return; }
          event.preventDefault();
          modeler.saveXML({ format: true }).then(function (result) {
            xmlInput.value = result.xml;
            form.submit();
          });
        });
      });
    }).catch(function (error) {
      status.textContent = "模型载入失败：" + (error && error.message ? error.message : error);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.querySelector("[data-designer]");
    if (root) { start(root); }
  });
})();
