<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>{error}

Your settings and runs are safe.</source>
        <translation>{error}

您的设置和训练记录都完好无损。</translation>
    </message>
</context>
<context>
    <name>AugmentationPanel</name>
    <message>
        <source>Each training image is changed at random every time it is used; the preview shows a batch exactly as the model receives it.</source>
        <translation>每次使用训练图像时都会对其做随机变换;预览显示的批次与模型实际接收到的完全一致。</translation>
    </message>
    <message>
        <source>Position and shape</source>
        <translation>位置和形状</translation>
    </message>
    <message>
        <source>Mirror</source>
        <translation>镜像翻转</translation>
    </message>
    <message>
        <source>Bilinear (smooth)</source>
        <translation>双线性(平滑)</translation>
    </message>
    <message>
        <source>Nearest (sharp, for masks)</source>
        <translation>最近邻(锐利,适合掩码)</translation>
    </message>
    <message>
        <source>Bicubic</source>
        <translation>双三次</translation>
    </message>
    <message>
        <source>Brightness and colour</source>
        <translation>亮度和颜色</translation>
    </message>
    <message>
        <source>Vary brightness</source>
        <translation>随机改变亮度</translation>
    </message>
    <message>
        <source>Scaling and normalization</source>
        <translation>缩放和归一化</translation>
    </message>
    <message>
        <source>The models already scale pixels from 0–255 themselves; these options are for special cases and for Keras 2 habits.</source>
        <translation>模型本身已会缩放 0–255 的像素值;这些选项用于特殊情况,以及沿用 Keras 2 的习惯。</translation>
    </message>
    <message>
        <source>Multiply pixels by</source>
        <translation>像素值乘以</translation>
    </message>
    <message>
        <source>ε</source>
        <translation>ε</translation>
    </message>
</context>
<context>
    <name>BatchView</name>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>The batch number over the whole run, from 1 (epoch 2 starts after the batches of epoch 1).</source>
        <translation>整个训练中的批次编号,从 1 开始(第 2 轮接在第 1 轮的批次之后)。</translation>
    </message>
    <message>
        <source>Show batch</source>
        <translation>显示批次</translation>
    </message>
    <message>
        <source>Rebuild this batch exactly as training gets it (same seed, order, augmentation, class weights).</source>
        <translation>按训练时的样子完全重建这个批次(相同的随机种子、顺序、数据增强和类别权重)。</translation>
    </message>
    <message>
        <source>Go to loss spike</source>
        <translation>转到损失突变处</translation>
    </message>
    <message>
        <source>In the run shown in the Training tab, find the batch whose loss became NaN or jumped the most, and show it.</source>
        <translation>在“训练”标签页显示的训练中,找出损失变为 NaN 或跳升最多的批次并显示它。</translation>
    </message>
    <message>
        <source>16 augmentations</source>
        <translation>16 种数据增强</translation>
    </message>
    <message>
        <source>The selected image (click one) 16 times, each with the augmentation drawn anew.</source>
        <translation>所选图像(点击一张)显示 16 次,每次重新随机生成数据增强。</translation>
    </message>
    <message>
        <source>Tune loader…</source>
        <translation>调优数据加载…</translation>
    </message>
    <message>
        <source>Show a batch to see exactly what the model is fed.</source>
        <translation>显示一个批次,看看模型实际接收到的数据。</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Input values per channel</source>
        <translation>各通道的输入值</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>No batch: {reason}</source>
        <translation>没有批次:{reason}</translation>
    </message>
    <message>
        <source>Building batch {number}…</source>
        <translation>正在构建第 {number} 个批次…</translation>
    </message>
    <message>
        <source>No run is shown in the Training tab: train or open a run first, then look for its loss spike.</source>
        <translation>“训练”标签页中没有显示任何训练:请先训练或打开一次训练,再查找其损失突变处。</translation>
    </message>
    <message>
        <source>Run {name} has no batch losses to look at yet.</source>
        <translation>训练 {name} 还没有可查看的批次损失。</translation>
    </message>
    <message>
        <source>Cannot read the settings of run {name}: {error}</source>
        <translation>无法读取训练 {name} 的设置:{error}</translation>
    </message>
    <message>
        <source>{spike} Run {name} gets its data from '{file}'; choose that file in the Data panel to see the batch.</source>
        <translation>{spike}训练 {name} 的数据来自“{file}”;请在“数据”面板中选择该文件才能查看这个批次。</translation>
    </message>
    <message>
        <source>{spike} (run {name})</source>
        <translation>{spike}(训练 {name})</translation>
    </message>
    <message>
        <source>weight {value}</source>
        <translation>权重 {value}</translation>
    </message>
    <message>
        <source>label: {label}</source>
        <translation>标签:{label}</translation>
    </message>
    <message>
        <source>image {number} of the batch</source>
        <translation>批次中的第 {number} 张图像</translation>
    </message>
    <message>
        <source>Batch {number} = {position} · {count} images · built in {ms} ms</source>
        <translation>第 {number} 个批次 = {position} · {count} 张图像 · 构建用时 {ms} 毫秒</translation>
    </message>
    <message>
        <source>{text} · no seed set: the order and augmentation are drawn anew each time</source>
        <translation>{text} · 未设随机种子:每次的顺序和数据增强都会重新随机生成</translation>
    </message>
    <message>
        <source>inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>sample weights</source>
        <translation>样本权重</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>channel {number}</source>
        <translation>通道 {number}</translation>
    </message>
    <message>
        <source>no finite values</source>
        <translation>没有有限值</translation>
    </message>
    <message>
        <source>Augmenting image {image} of batch {number} 16 times…</source>
        <translation>正在对第 {number} 个批次的第 {image} 张图像做 16 次数据增强…</translation>
    </message>
    <message>
        <source>as trained</source>
        <translation>训练时所用</translation>
    </message>
    <message>
        <source>draw {number}</source>
        <translation>第 {number} 次</translation>
    </message>
    <message>
        <source>Image {image} of batch {number} {name} with 16 draws of the augmentation (the first is the one training used). Press again to go back to the batch.</source>
        <translation>第 {number} 个批次的第 {image} 张图像 {name},共 16 次数据增强(第一次是训练时所用的)。再按一次返回批次。</translation>
    </message>
</context>
<context>
    <name>ClassWeightInput</name>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Balanced (rarer classes count more)</source>
        <translation>平衡(样本少的类别权重更大)</translation>
    </message>
    <message>
        <source>Per class…</source>
        <translation>逐类别设置…</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Select two or more runs in the Runs tab and press Compare.</source>
        <translation>在“训练记录”标签页中选择两次或更多次训练,然后按“比较”。</translation>
    </message>
    <message>
        <source>Loss per epoch (solid: training, dashed: validation)</source>
        <translation>每轮的损失(实线:训练集,虚线:验证集)</translation>
    </message>
    <message>
        <source>Accuracy per epoch (solid: training, dashed: validation)</source>
        <translation>每轮的准确率(实线:训练集,虚线:验证集)</translation>
    </message>
    <message>
        <source>Wrong before, right now</source>
        <translation>之前错、现在对</translation>
    </message>
    <message>
        <source>Right before, wrong now</source>
        <translation>之前对、现在错</translation>
    </message>
    <message>
        <source>These runs cannot be compared: {reason}</source>
        <translation>这些训练无法比较:{reason}</translation>
    </message>
    <message>
        <source>{count} runs compared, measured from the first: {names}.</source>
        <translation>比较了 {count} 次训练,以第一次为基准:{names}。</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮次(epoch)</translation>
    </message>
    <message>
        <source>{label} ({key})</source>
        <translation>{label}({key})</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>the same in every run</source>
        <translation>每次训练都相同</translation>
    </message>
    <message>
        <source>Best (epoch)</source>
        <translation>最佳(轮次)</translation>
    </message>
    <message>
        <source>{metric} {value} (epoch {epoch})</source>
        <translation>{metric} {value}(第 {epoch} 轮)</translation>
    </message>
    <message>
        <source>Final validation accuracy</source>
        <translation>最终验证集准确率</translation>
    </message>
    <message>
        <source>Evaluated accuracy</source>
        <translation>评估准确率</translation>
    </message>
    <message>
        <source>Accuracy of class {name}</source>
        <translation>类别 {name} 的准确率</translation>
    </message>
    <message>
        <source>Accuracy per class</source>
        <translation>各类别准确率</translation>
    </message>
    <message>
        <source>not evaluated</source>
        <translation>未评估</translation>
    </message>
    <message>
        <source>{true}: {before} → {now}</source>
        <translation>{true}:{before} → {now}</translation>
    </message>
    <message>
        <source>Validation images from {first} to {other}: not compared ({reason}).</source>
        <translation>从 {first} 到 {other} 的验证集图像:未比较({reason})。</translation>
    </message>
    <message>
        <source>Validation images from {first} to {other}: {images} images, {better} wrong before and right now, {worse} right before and wrong now.</source>
        <translation>从 {first} 到 {other} 的验证集图像:共 {images} 张,{better} 张之前错、现在对,{worse} 张之前对、现在错。</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrix</name>
    <message>
        <source>Rows: the true class; columns: the predicted class. Click a cell to see its images.</source>
        <translation>行:真实类别;列:预测类别。点击单元格查看其中的图像。</translation>
    </message>
    <message>
        <source>Predicted: {name}</source>
        <translation>预测为:{name}</translation>
    </message>
    <message>
        <source>True {true}, predicted {predicted}: {count} of {total} ({share})</source>
        <translation>真实 {true},预测 {predicted}:{total} 张中有 {count} 张({share})</translation>
    </message>
</context>
<context>
    <name>ConsolePane</name>
    <message>
        <source>What Keras prints appears here while training runs.</source>
        <translation>训练期间 Keras 的输出会显示在这里。</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Choose a Python data file</source>
        <translation>选择 Python 数据文件</translation>
    </message>
    <message>
        <source>Python files (*.py)</source>
        <translation>Python 文件 (*.py)</translation>
    </message>
    <message>
        <source>FitGen runs this file's code to get the batches, in the preview and in training. Choose only files you trust.</source>
        <translation>FitGen 会运行这个文件的代码来获取批次(预览和训练中都会)。请只选择您信任的文件。</translation>
    </message>
    <message>
        <source>Choose the training folder (one sub-folder per class)</source>
        <translation>选择训练集文件夹(每个类别一个子文件夹)</translation>
    </message>
    <message>
        <source>{help} You can also drop a folder on the window.</source>
        <translation>{help}也可以直接把文件夹拖到窗口上。</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Choose a training folder.</source>
        <translation>请选择训练集文件夹。</translation>
    </message>
    <message>
        <source>Data check</source>
        <translation>数据检查</translation>
    </message>
    <message>
        <source>Checking %v of %m files</source>
        <translation>正在检查第 %v 个文件,共 %m 个</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件数</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Read every file again (after fixing files on disk).</source>
        <translation>重新读取每个文件(在磁盘上修正文件之后)。</translation>
    </message>
    <message>
        <source>Reading images</source>
        <translation>图像读取</translation>
    </message>
    <message>
        <source>Could not read the folder: {error}</source>
        <translation>无法读取文件夹:{error}</translation>
    </message>
    <message>
        <source>Choose a training folder: one sub-folder per class.</source>
        <translation>请选择训练集文件夹:每个类别一个子文件夹。</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>正在扫描…</translation>
    </message>
    <message>
        <source>Folder '{path}' does not exist.</source>
        <translation>文件夹“{path}”不存在。</translation>
    </message>
    <message>
        <source>Classes from the data file: {names} (it defines val_data for validation).</source>
        <translation>数据文件中的类别:{names}(它定义了用于验证的 val_data)。</translation>
    </message>
    <message>
        <source>Classes from the data file: {names} (no val_data: no validation).</source>
        <translation>数据文件中的类别:{names}(没有 val_data:不做验证)。</translation>
    </message>
    <message>
        <source>Loading the data file…</source>
        <translation>正在加载数据文件…</translation>
    </message>
    <message>
        <source>Choose a data file.</source>
        <translation>请选择数据文件。</translation>
    </message>
    <message>
        <source>{classes} classes, {train} training images, {val} validation images.</source>
        <translation>{classes} 个类别,{train} 张训练集图像,{val} 张验证集图像。</translation>
    </message>
    <message>
        <source>{classes} classes, {train} training images ({share} of each class kept for validation).</source>
        <translation>{classes} 个类别,{train} 张训练集图像(每个类别划出 {share} 作为验证集)。</translation>
    </message>
    <message>
        <source>{classes} classes, {train} training images.</source>
        <translation>{classes} 个类别,{train} 张训练集图像。</translation>
    </message>
    <message>
        <source>Reading every file once…</source>
        <translation>正在逐一读取每个文件…</translation>
    </message>
    <message>
        <source>Training cannot start: see the findings in red.</source>
        <translation>无法开始训练:请查看红色标出的问题。</translation>
    </message>
    <message>
        <source>{files} files read; {count} things to look at.</source>
        <translation>已读取 {files} 个文件;有 {count} 处需要查看。</translation>
    </message>
    <message>
        <source>{files} files read; no problems found.</source>
        <translation>已读取 {files} 个文件;未发现问题。</translation>
    </message>
    <message>
        <source>{text} 1 unreadable file will be skipped.</source>
        <translation>{text}有 1 个无法读取的文件将被跳过。</translation>
    </message>
    <message>
        <source>{text} {count} unreadable files will be skipped.</source>
        <translation>{text}有 {count} 个无法读取的文件将被跳过。</translation>
    </message>
    <message>
        <source>{files}
… and {count} more</source>
        <translation>{files}
……还有 {count} 个</translation>
    </message>
    <message>
        <source>{finding}

{files}

Double-click to list them.</source>
        <translation>{finding}

{files}

双击可列出全部文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n files</source>
        <translation>
            <numerusform>%n 个文件</numerusform></translation>
    </message>
</context>
<context>
    <name>DuplicatePairs</name>
    <message>
        <source>LEAKAGE (training ~ validation)</source>
        <translation>泄漏(训练集 ~ 验证集)</translation>
    </message>
    <message>
        <source>within training</source>
        <translation>训练集内</translation>
    </message>
    <message>
        <source>within validation</source>
        <translation>验证集内</translation>
    </message>
    <message>
        <source>{count} pair(s) of near-identical images, {leaks} of them across training and validation (leakage: validation copies of training images make accuracy look better than it is).</source>
        <translation>{count} 对近似相同的图像,其中 {leaks} 对横跨训练集和验证集(泄漏:验证集中的训练图像副本会让准确率显得比实际更好)。</translation>
    </message>
    <message>
        <source>No near-identical images found.</source>
        <translation>没有发现近似相同的图像。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{relation}; found by {method} (distance {distance}); the same class.</source>
        <translation>{relation};由 {method} 发现(距离 {distance});同一类别。</translation>
    </message>
    <message>
        <source>{relation}; found by {method} (distance {distance}); DIFFERENT classes.</source>
        <translation>{relation};由 {method} 发现(距离 {distance});不同类别。</translation>
    </message>
    <message>
        <source>This file is not there any more (moved or excluded?).</source>
        <translation>这个文件已不在原处(已移动或已排除?)。</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>choose the folder of training images (one sub-folder per class)</source>
        <translation>请选择训练集图像所在的文件夹(每个类别一个子文件夹)</translation>
    </message>
    <message>
        <source>folder '{path}' does not exist</source>
        <translation>文件夹“{path}”不存在</translation>
    </message>
    <message>
        <source>'{path}' is a file; choose the folder that holds {what}</source>
        <translation>“{path}”是一个文件;请选择存放{what}的文件夹</translation>
    </message>
    <message>
        <source>use either a validation folder or a validation split, not both (set one of them to empty/0)</source>
        <translation>验证集文件夹和验证集比例只能二选一(把其中一个设为空或 0)</translation>
    </message>
    <message>
        <source>choose a data file (a Python file defining class_names and train_data)</source>
        <translation>请选择数据文件(定义了 class_names 和 train_data 的 Python 文件)</translation>
    </message>
    <message>
        <source>must be a Python file (.py)</source>
        <translation>必须是 Python 文件(.py)</translation>
    </message>
    <message>
        <source>file '{path}' does not exist</source>
        <translation>文件“{path}”不存在</translation>
    </message>
    <message>
        <source>the low value must not be above the high value</source>
        <translation>下限不能大于上限</translation>
    </message>
    <message>
        <source>fine-tuning is for pretrained backbones; the small CNN learns whole from the start</source>
        <translation>微调只适用于预训练的主干网络;小型 CNN 从一开始就训练整个网络</translation>
    </message>
    <message>
        <source>ImageNet weights expect colour images; use 'rgb'</source>
        <translation>ImageNet 权重需要彩色图像;请使用“rgb”</translation>
    </message>
    <message>
        <source>the small CNN has no pretrained weights; choose 'none'</source>
        <translation>小型 CNN 没有预训练权重;请选择“none”</translation>
    </message>
    <message>
        <source>speeds up GPUs only; turn it off when training on the CPU</source>
        <translation>只能加速 GPU;在 CPU 上训练时请关闭</translation>
    </message>
    <message>
        <source>needs at least 1 worker</source>
        <translation>至少需要 1 个工作进程</translation>
    </message>
    <message>
        <source>does not apply to a Python data file; define val_data(batch_size) in it instead</source>
        <translation>不适用于 Python 数据文件;请在文件中定义 val_data(batch_size)</translation>
    </message>
    <message>
        <source>needs a matrix of {rows} x {columns} values for {height}x{width} images; use a target size of 32x32 or less, or turn it off</source>
        <translation>{height}x{width} 的图像需要一个 {rows} x {columns} 的矩阵;请把图像尺寸设为 32x32 或更小,或者关闭它</translation>
    </message>
    <message>
        <source>fine-tuning first trains the head on a frozen base: turn off 'Train the whole network'</source>
        <translation>微调先在冻结的主干网络上训练分类头:请关闭“训练整个网络”</translation>
    </message>
    <message>
        <source>fine-tuning begins at epoch {start}; train at least {epochs} epochs</source>
        <translation>微调从第 {start} 轮开始;请至少训练 {epochs} 轮</translation>
    </message>
    <message>
        <source>weights file '{path}' does not exist; choose 'none', 'imagenet' or an existing .h5 file</source>
        <translation>权重文件“{path}”不存在;请选择“none”、“imagenet”或一个存在的 .h5 文件</translation>
    </message>
    <message>
        <source>the small CNN has no ImageNet weights; choose 'none' or another architecture</source>
        <translation>小型 CNN 没有 ImageNet 预训练权重;请选择“none”或另一种网络结构</translation>
    </message>
    <message>
        <source>must be a whole number of pixels from {low} to 1024 for {name}</source>
        <translation>对 {name} 必须是 {low} 到 1024 之间的整数像素</translation>
    </message>
    <message>
        <source>the height is {value} pixels, but {name} needs at least {smallest}; use a larger image size (or set the model's input size)</source>
        <translation>高度是 {value} 像素,但 {name} 至少需要 {smallest};请使用更大的图像尺寸(或设置模型的输入尺寸)</translation>
    </message>
    <message>
        <source>the width is {value} pixels, but {name} needs at least {smallest}; use a larger image size (or set the model's input size)</source>
        <translation>宽度是 {value} 像素,但 {name} 至少需要 {smallest};请使用更大的图像尺寸(或设置模型的输入尺寸)</translation>
    </message>
    <message>
        <source>must be 'none', 'balanced' or a weight per class; got {value}</source>
        <translation>必须是“none”、“balanced”或每个类别一个权重;收到的是 {value}</translation>
    </message>
    <message>
        <source>cannot change a learning rate that follows a schedule; use the 'constant' schedule or turn one of them off</source>
        <translation>无法调整按计划变化的学习率;请把学习率计划设为“恒定”,或关闭其中一个</translation>
    </message>
    <message>
        <source>must be a short name without / \ : * ? " &lt; &gt; |</source>
        <translation>必须是不含 / \ : * ? " &lt; &gt; | 的简短名称</translation>
    </message>
    <message>
        <source>{devices} not on this computer; choose 'all' or GPUs it has</source>
        <translation>这台电脑上没有 {devices};请选择“all”或它有的 GPU</translation>
    </message>
    <message>
        <source>must be 'auto', 'cpu', 'all', 'gpu:N' or a list 'gpu:0,gpu:1'; got {value}</source>
        <translation>必须是“auto”、“cpu”、“all”、“gpu:N”或列表“gpu:0,gpu:1”;收到的是 {value}</translation>
    </message>
    <message>
        <source>'all' needs several devices and this computer has one; choose 'auto'</source>
        <translation>“all”需要多个设备,而这台电脑只有一个;请选择“auto”</translation>
    </message>
    <message>
        <source>{device} is not on this computer (GPUs found: {found}); choose 'auto' or 'cpu'</source>
        <translation>这台电脑上没有 {device}(找到的 GPU:{found});请选择“auto”或“cpu”</translation>
    </message>
    <message>
        <source>watches {monitor}, but there is no validation data; choose a validation folder or split, or watch 'loss'</source>
        <translation>监视的是 {monitor},但没有验证数据;请选择验证集文件夹或比例,或者监视“loss”</translation>
    </message>
    <message>
        <source>Folder '{path}' does not exist.</source>
        <translation>文件夹“{path}”不存在。</translation>
    </message>
    <message>
        <source>Folder '{path}' has {count} class{listed} with images; at least 2 class sub-folders are needed.</source>
        <translation>文件夹“{path}”中只有 {count} 个含图像的类别{listed};至少需要 2 个类别子文件夹。</translation>
    </message>
    <message>
        <source>Hidden and system files in {where} are ignored (.DS_Store, Thumbs.db, ._ files...).</source>
        <translation>{where}中的隐藏文件和系统文件会被忽略(.DS_Store、Thumbs.db、._ 文件……)。</translation>
    </message>
    <message>
        <source>Files in {where} without an image extension are ignored (images: {extensions}).</source>
        <translation>{where}中没有图像扩展名的文件会被忽略(图像:{extensions})。</translation>
    </message>
    <message>
        <source>Files directly in {where} belong to no class and are ignored; move them into a class sub-folder.</source>
        <translation>直接放在{where}中的文件不属于任何类别,会被忽略;请把它们移到某个类别子文件夹中。</translation>
    </message>
    <message>
        <source>Images in sub-folders of a class folder count for that class.</source>
        <translation>类别文件夹的子文件夹中的图像也计入该类别。</translation>
    </message>
    <message>
        <source>Cannot be read: {reason}. These files are skipped in training.</source>
        <translation>无法读取:{reason}。训练时会跳过这些文件。</translation>
    </message>
    <message>
        <source>Grayscale images are read as colour (gray in all 3 channels).</source>
        <translation>灰度图像按彩色读取(3 个通道都是灰度值)。</translation>
    </message>
    <message>
        <source>Class folder(s) {names} have no readable images.</source>
        <translation>类别文件夹 {names} 中没有可读取的图像。</translation>
    </message>
    <message>
        <source>Class(es) {names} have no validation folder; validation does not measure them.</source>
        <translation>类别 {names} 没有验证集文件夹;验证不会衡量这些类别。</translation>
    </message>
    <message>
        <source>Class(es) {names} are only in the validation folder; they are left out.</source>
        <translation>类别 {names} 只出现在验证集文件夹中;它们不参与。</translation>
    </message>
    <message>
        <source>Very few training images in {names}; {count} or more per class are recommended, hundreds are better.</source>
        <translation>{names} 的训练集图像很少;建议每个类别至少 {count} 张,几百张更好。</translation>
    </message>
    <message>
        <source>The classes are unbalanced (largest {high}, smallest {low} images). Class weights that balance them: {weights} (class weight 'balanced').</source>
        <translation>各类别数量不平衡(最多 {high} 张,最少 {low} 张)。可以平衡它们的类别权重:{weights}(类别权重“balanced”)。</translation>
    </message>
    <message>
        <source>The same images are in training and validation; validation scores will look better than they are. Remove one copy.</source>
        <translation>训练集和验证集中有相同的图像;验证分数会显得比实际更好。请删除其中一份。</translation>
    </message>
    <message>
        <source>The same images are in different classes; the model cannot learn both labels.</source>
        <translation>相同的图像出现在不同类别中;模型无法同时学会两个标签。</translation>
    </message>
    <message>
        <source>Identical copies of images (same content) in the same class; they count more than once.</source>
        <translation>同一类别中有内容完全相同的图像副本;它们会被计算多次。</translation>
    </message>
    <message>
        <source>{count} validation image(s) are near-identical to training images (resized, re-saved or copied): validation copies of training images make accuracy look better than it is. Exclude one image of each pair.</source>
        <translation>{count} 张验证集图像与训练集图像近似相同(缩放、重新保存或复制所致):验证集中的训练图像副本会让准确率显得比实际更好。请排除每对中的一张。</translation>
    </message>
    <message>
        <source>{count} pair(s) of near-identical images are in different classes; at least one label of each pair is wrong.</source>
        <translation>{count} 对近似相同的图像属于不同类别;每对中至少有一个标签是错的。</translation>
    </message>
    <message>
        <source>{count} pair(s) of near-identical images (resized, re-saved or copied) in the same class; each counts more than once.</source>
        <translation>同一类别中有 {count} 对近似相同的图像(缩放、重新保存或复制所致);每张都会被计算多次。</translation>
    </message>
    <message>
        <source>{kinds} files are read too (Keras 2's flow_from_directory skips them; turn off 'Also read GIF and WebP files' to train on exactly Keras 2's files).</source>
        <translation>{kinds} 文件也会被读取(Keras 2 的 flow_from_directory 会跳过它们;关闭“同时读取 GIF 和 WebP 文件”即可完全按 Keras 2 的文件范围训练)。</translation>
    </message>
    <message>
        <source>Links to files that do not exist: skipped in training.</source>
        <translation>指向不存在文件的链接:训练时跳过。</translation>
    </message>
    <message>
        <source>A link leads back to a folder already read; it is not followed again.</source>
        <translation>有链接指回已读取过的文件夹;不会再次跟随。</translation>
    </message>
    <message>
        <source>Checking the settings</source>
        <translation>正在检查设置</translation>
    </message>
    <message>
        <source>Listing the image files</source>
        <translation>正在列出图像文件</translation>
    </message>
    <message>
        <source>Checking {count} files</source>
        <translation>正在检查 {count} 个文件</translation>
    </message>
    <message>
        <source>Loading your data file</source>
        <translation>正在加载您的数据文件</translation>
    </message>
    <message>
        <source>Preparing the images</source>
        <translation>正在准备图像</translation>
    </message>
    <message>
        <source>Building the model</source>
        <translation>正在构建模型</translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation>正在加载模型</translation>
    </message>
    <message>
        <source>Compiling the training step (the first batch takes longest)</source>
        <translation>正在编译训练步(第一个批次耗时最长)</translation>
    </message>
    <message>
        <source>Computing what the frozen {name} sees in each image (once: every epoch reuses it)</source>
        <translation>正在计算冻结的 {name} 从每张图像中提取的特征(只算一次:之后每轮都复用)</translation>
    </message>
    <message>
        <source>Validating epoch {epoch} (compiling the validation step first)</source>
        <translation>正在验证第 {epoch} 轮(先编译验证步)</translation>
    </message>
    <message>
        <source>Fine-tuning from epoch {epoch}: the top {count} layers of {name} learn too, at learning rate {rate} (until now only the new head learned; batch normalization stays frozen).</source>
        <translation>从第 {epoch} 轮开始微调:{name} 顶部的 {count} 层也参与学习,学习率为 {rate}(此前只有新的分类头在学习;批归一化层保持冻结)。</translation>
    </message>
    <message>
        <source>The loss is NaN at epoch {epoch}, batch {batch}; the model is not learning from here. A lower learning rate usually helps.</source>
        <translation>第 {epoch} 轮第 {batch} 个批次的损失为 NaN;模型从这里开始不再学习。降低学习率通常会有帮助。</translation>
    </message>
    <message>
        <source>running</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>被中断</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>epoch {epoch} (best)</source>
        <translation>第 {epoch} 轮(最佳)</translation>
    </message>
    <message>
        <source>epoch {epoch} (last; best is epoch {best})</source>
        <translation>第 {epoch} 轮(最后一轮;最佳为第 {best} 轮)</translation>
    </message>
    <message>
        <source>epoch {epoch} (best; best is epoch {best})</source>
        <translation>第 {epoch} 轮(最佳;最佳为第 {best} 轮)</translation>
    </message>
    <message>
        <source>epoch {epoch} (last)</source>
        <translation>第 {epoch} 轮(最后一轮)</translation>
    </message>
    <message>
        <source>epoch {epoch}</source>
        <translation>第 {epoch} 轮</translation>
    </message>
    <message>
        <source>epoch {epoch} (stopped after {count} batches)</source>
        <translation>第 {epoch} 轮(在 {count} 个批次后停止)</translation>
    </message>
    <message>
        <source>epoch {epoch} (partial)</source>
        <translation>第 {epoch} 轮(未完成)</translation>
    </message>
    <message>
        <source>#{id} moved {file} to {where} ({state})</source>
        <translation>#{id} 已把 {file} 移到 {where}({state})</translation>
    </message>
    <message>
        <source>#{id} excluded {file} (now in {where}) ({state})</source>
        <translation>#{id} 已排除 {file}(现在位于 {where})({state})</translation>
    </message>
    <message>
        <source>#{id} undid #{other}: {file} back to {where} ({state})</source>
        <translation>#{id} 撤销了 #{other}:{file} 移回 {where}({state})</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>undone by #{id}</source>
        <translation>已被 #{id} 撤销</translation>
    </message>
    <message>
        <source>moved to {name}</source>
        <translation>移到了 {name}</translation>
    </message>
    <message>
        <source>excluded</source>
        <translation>排除了</translation>
    </message>
    <message>
        <source>Evaluating</source>
        <translation>正在评估</translation>
    </message>
    <message>
        <source>Predicting</source>
        <translation>正在预测</translation>
    </message>
    <message>
        <source>{count} image(s) could not be read and are not counted (see 'unreadable').</source>
        <translation>{count} 张图像无法读取,未计入(见“unreadable”)。</translation>
    </message>
    <message>
        <source>The model answers {name} for {share} of the images, though only {true_share} are {name2}: it has not learned to tell the classes apart. Train longer, balance the classes (class weights), or check the labels.</source>
        <translation>模型把 {share} 的图像都判为 {name},而实际只有 {true_share} 是 {name2}:它还没学会区分各类别。请训练更久、平衡各类别(类别权重),或检查标签。</translation>
    </message>
    <message>
        <source>FitGen predicts {count} validation images its own way</source>
        <translation>FitGen 用自己的方式预测 {count} 张验证集图像</translation>
    </message>
    <message>
        <source>Exporting {format}</source>
        <translation>正在导出 {format}</translation>
    </message>
    <message>
        <source>Self-testing {format} on {count} images</source>
        <translation>正在用 {count} 张图像自检 {format}</translation>
    </message>
    <message>
        <source>Preparing the data</source>
        <translation>正在准备数据</translation>
    </message>
    <message>
        <source>Measuring the data alone</source>
        <translation>正在单独测量数据读取</translation>
    </message>
    <message>
        <source>Measuring the model alone (one batch, again and again)</source>
        <translation>正在单独测量模型(同一个批次反复训练)</translation>
    </message>
    <message>
        <source>Trying {setting} (round {round} of {rounds})</source>
        <translation>正在尝试 {setting}(第 {round} 轮,共 {rounds} 轮)</translation>
    </message>
    <message>
        <source>0 workers (on the training thread)</source>
        <translation>0 个工作进程(在训练线程上读取)</translation>
    </message>
    <message>
        <source>{workers} worker thread, queue {queue}</source>
        <translation>{workers} 个工作线程,队列 {queue}</translation>
    </message>
    <message>
        <source>{workers} worker threads, queue {queue}</source>
        <translation>{workers} 个工作线程,队列 {queue}</translation>
    </message>
    <message>
        <source>{workers} worker process, queue {queue}</source>
        <translation>{workers} 个工作进程,队列 {queue}</translation>
    </message>
    <message>
        <source>{workers} worker processes, queue {queue}</source>
        <translation>{workers} 个工作进程,队列 {queue}</translation>
    </message>
    <message>
        <source>Each fold trains {epochs} epochs, as long as the run. After a run of {longer} epochs or more, the folds train longer and learn from blended images, which finds more of the wrong labels.</source>
        <translation>每一折训练 {epochs} 轮,和这次训练一样长。训练 {longer} 轮或更多时,每一折训练得更久,并从混合的图像中学习,能找出更多标注错误。</translation>
    </message>
    <message>
        <source>{count} {status}</source>
        <translation>{status} {count} 次</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The data is the bottleneck: it gives {data} images/s and the model could train on {model}; full training runs at {full}.</source>
        <translation>瓶颈在数据:数据每秒提供 {data} 张图像,模型每秒能训练 {model} 张;完整训练每秒 {full} 张。</translation>
    </message>
    <message>
        <source>The model is the bottleneck: it trains on {model} images/s and the data gives {data}; full training runs at {full}. More workers will not speed it up.</source>
        <translation>瓶颈在模型:模型每秒训练 {model} 张图像,数据每秒提供 {data} 张;完整训练每秒 {full} 张。增加工作进程不会更快。</translation>
    </message>
    <message>
        <source>No setting could be measured.</source>
        <translation>没有一个设置能测量成功。</translation>
    </message>
    <message>
        <source>Keep the current setting ({setting}).</source>
        <translation>保持当前设置({setting})。</translation>
    </message>
    <message>
        <source>Use {setting}: {speed} images/s, {gain} times the current {current}.</source>
        <translation>使用 {setting}:每秒 {speed} 张图像,是当前 {current} 张的 {gain} 倍。</translation>
    </message>
    <message>
        <source>The loader tuning was cancelled.</source>
        <translation>数据读取调优已取消。</translation>
    </message>
    <message>
        <source>The training data ended after {count} batches; the tuner needs {needed}.</source>
        <translation>训练数据在 {count} 个批次后就结束了;调优需要 {needed} 个。</translation>
    </message>
    <message>
        <source>{bad} input values are NaN or infinite: the loss will be NaN. Find where the data divides by zero or reads a damaged file.</source>
        <translation>有 {bad} 个输入值是 NaN 或无穷大:损失会变成 NaN。请找出数据在哪里除以了零或读到了损坏的文件。</translation>
    </message>
    <message>
        <source>Pixels are already in 0-1 (from {low} to {high}), but the model scales 0-255 pixels itself: it sees images 255 times too dark. Remove the rescale (1/255) from the data.</source>
        <translation>像素已经在 0-1 之间(从 {low} 到 {high}),但模型自己会缩放 0-255 的像素:它看到的图像暗了 255 倍。请去掉数据里的缩放(1/255)。</translation>
    </message>
    <message>
        <source>Values reach {high} after a rescale of 1/255: they should be at most 1. Is the data scaled twice, or are the images 16-bit?</source>
        <translation>缩放 1/255 之后数值仍达到 {high}:应当最大为 1。数据是不是被缩放了两次,或者图像是 16 位的?</translation>
    </message>
    <message>
        <source>{count} image(s) of the batch are one flat value (image {listed}): blank or failed reads teach the model nothing.</source>
        <translation>这个批次中有 {count} 张图像只有一个数值(第 {listed} 张):空白或读取失败的图像不能让模型学到任何东西。</translation>
    </message>
    <message>
        <source>The batch has {samples} images but {targets} targets.</source>
        <translation>这个批次有 {samples} 张图像,却有 {targets} 个目标值。</translation>
    </message>
    <message>
        <source>The targets are {dtype} values, not numbers.</source>
        <translation>目标值是 {dtype} 类型,不是数字。</translation>
    </message>
    <message>
        <source>The targets have shape {shape}, but the model's output is (n, {classes}): categorical needs one-hot rows of {classes2} values (or choose class mode 'sparse' for class numbers).</source>
        <translation>目标值的形状是 {shape},但模型的输出是 (n, {classes}):categorical 需要每行 {classes2} 个值的独热编码(或者选择类别模式“sparse”来使用类别编号)。</translation>
    </message>
    <message>
        <source>Some one-hot target rows do not add up to 1.</source>
        <translation>有些独热编码的目标行加起来不等于 1。</translation>
    </message>
    <message>
        <source>The targets have shape {shape}; class mode '{mode}' needs one class number per image, shape (n,).</source>
        <translation>目标值的形状是 {shape};类别模式“{mode}”需要每张图像一个类别编号,形状为 (n,)。</translation>
    </message>
    <message>
        <source>The targets hold values from {low} to {high}; class mode '{mode}' needs whole class numbers 0 to {top}.</source>
        <translation>目标值的范围是 {low} 到 {high};类别模式“{mode}”需要 0 到 {top} 的整数类别编号。</translation>
    </message>
    <message>
        <source>Class {name} has {count} image(s), fewer than {folds} folds: its images are spread over {spread} fold(s), one each.</source>
        <translation>类别 {name} 只有 {count} 张图像,少于 {folds} 折:它的图像分散在 {spread} 折中,每折一张。</translation>
    </message>
    <message>
        <source>The folds train the head only (the run's first phase): fine-tuning every fold would take as long as the run each.</source>
        <translation>每一折只训练分类头(即这次训练的第一阶段):每一折都微调的话,每折都要花和整个训练一样长的时间。</translation>
    </message>
    <message>
        <source>Stopped after {done} of {folds} folds. The finished folds are kept in '{folder}' and reused when you start again (while the images and settings stay the same).</source>
        <translation>在 {folds} 折中完成 {done} 折后停止。已完成的折保存在“{folder}”中,再次开始时会重复使用(只要图像和设置不变)。</translation>
    </message>
    <message>
        <source>Fold {fold} of {folds}: {what}</source>
        <translation>第 {fold} 折,共 {folds} 折:{what}</translation>
    </message>
    <message>
        <source>computing the features of the images</source>
        <translation>正在计算图像的特征</translation>
    </message>
    <message>
        <source>training, epoch {done} of {total}</source>
        <translation>正在训练,第 {done} 轮,共 {total} 轮</translation>
    </message>
    <message>
        <source>predicting its {total} images</source>
        <translation>正在预测本折的 {total} 张图像</translation>
    </message>
    <message>
        <source>reused from the last time</source>
        <translation>沿用上一次的结果</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>not input-bound</source>
        <translation>不受限于数据输入</translation>
    </message>
    <message>
        <source>highly input-bound</source>
        <translation>严重受限于数据输入</translation>
    </message>
    <message>
        <source>moderately input-bound</source>
        <translation>中度受限于数据输入</translation>
    </message>
    <message>
        <source>The model waits for data most of the time: more workers, a smaller image size or lighter augmentation will speed training up (Tune loader measures which).</source>
        <translation>模型大部分时间在等待数据:增加工作进程、减小图像尺寸或减轻数据增强都能加快训练(“调优加载器”可以测出哪种有效)。</translation>
    </message>
    <message>
        <source>Some time is lost waiting for data; more workers may help a little.</source>
        <translation>有一部分时间花在等待数据上;增加工作进程可能略有帮助。</translation>
    </message>
    <message>
        <source>The data keeps up with the model.</source>
        <translation>数据供应跟得上模型。</translation>
    </message>
</context>
<context>
    <name>EvaluationView</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Validation data</source>
        <translation>验证集数据</translation>
    </message>
    <message>
        <source>Training data</source>
        <translation>训练集数据</translation>
    </message>
    <message>
        <source>Another folder…</source>
        <translation>其他文件夹…</translation>
    </message>
    <message>
        <source>The images to evaluate on: the run's own, or a folder with one sub-folder per class (the model's class names).</source>
        <translation>用于评估的图像:该训练自己的数据,或每个类别一个子文件夹的文件夹(子文件夹名即模型的类别名)。</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export model…</source>
        <translation>导出模型…</translation>
    </message>
    <message>
        <source>Write the model as .keras, SavedModel, ONNX or TFLite, each checked against FitGen's predictions.</source>
        <translation>把模型导出为 .keras、SavedModel、ONNX 或 TFLite,每种格式都与 FitGen 的预测对照检验。</translation>
    </message>
    <message>
        <source>Choose a model and press Evaluate to see how good it is.</source>
        <translation>选择一个模型并点击“评估”,查看它的效果。</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Precision: of the images the model called this class, the share that are. Recall: of the images of this class, the share it found. F1: both in one number.</source>
        <translation>精确率:被模型判为该类别的图像中真正属于该类别的比例。召回率:该类别的图像中被模型找出的比例。F1:把两者合成一个数。</translation>
    </message>
    <message>
        <source>Row shares (%)</source>
        <translation>按行占比(%)</translation>
    </message>
    <message>
        <source>Each row as shares of its images (it sums to 100%), instead of counts.</source>
        <translation>每行显示为其图像的占比(合计 100%),而不是数量。</translation>
    </message>
    <message>
        <source>Confusion matrix (rows: true class, columns: predicted)</source>
        <translation>混淆矩阵(行:真实类别,列:预测类别)</translation>
    </message>
    <message>
        <source>Matrix cell</source>
        <translation>矩阵单元格</translation>
    </message>
    <message>
        <source>Most confident mistakes</source>
        <translation>最有把握的错误</translation>
    </message>
    <message>
        <source>Least sure</source>
        <translation>最没把握</translation>
    </message>
    <message>
        <source>Train a model first (or choose a model file).</source>
        <translation>请先训练一个模型(或选择模型文件)。</translation>
    </message>
    <message>
        <source>Predict every image of the chosen data and compare with its class.</source>
        <translation>预测所选数据中的每张图像,并与其类别对照。</translation>
    </message>
    <message>
        <source>A folder with one sub-folder per class</source>
        <translation>每个类别一个子文件夹的文件夹</translation>
    </message>
    <message>
        <source>Folder: {folder}</source>
        <translation>文件夹:{folder}</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>Evaluating {model}…</source>
        <translation>正在评估 {model}…</translation>
    </message>
    <message>
        <source>{step}: {done}/{total} images</source>
        <translation>{step}:{done}/{total} 张图像</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>The evaluation was cancelled.</source>
        <translation>评估已取消。</translation>
    </message>
    <message>
        <source>Evaluated {count} images</source>
        <translation>已评估 {count} 张图像</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Could not evaluate: {error}</source>
        <translation>无法评估:{error}</translation>
    </message>
    <message>
        <source>Evaluation failed</source>
        <translation>评估失败</translation>
    </message>
    <message>
        <source>Accuracy {value}</source>
        <translation>准确率 {value}</translation>
    </message>
    <message>
        <source>on the {data} data · {model}</source>
        <translation>基于{data}数据 · {model}</translation>
    </message>
    <message>
        <source>Most confused</source>
        <translation>最易混淆</translation>
    </message>
    <message>
        <source>{true} taken for {predicted}: {count} of {of}</source>
        <translation>{true} 被误认为 {predicted}:{of} 张中有 {count} 张</translation>
    </message>
    <message>
        <source>no mistakes.</source>
        <translation>没有错误。</translation>
    </message>
    <message>
        <source>The most confident mistakes</source>
        <translation>最有把握的错误</translation>
    </message>
    <message>
        <source>The least sure answers</source>
        <translation>最没把握的回答</translation>
    </message>
    <message>
        <source>Click a cell of the matrix</source>
        <translation>点击矩阵中的一个单元格</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>{right} of {total} {data} images right</source>
        <translation>{total} 张{data}图像中判对 {right} 张</translation>
    </message>
    <message>
        <source>{text}; {true} are often taken for {predicted}: {count} of {of}</source>
        <translation>{text};{true} 常被误认为 {predicted}:{of} 张中有 {count} 张</translation>
    </message>
    <message>
        <source>{sentence}.</source>
        <translation>{sentence}。</translation>
    </message>
    <message>
        <source>{true} images the model got right</source>
        <translation>模型判对的 {true} 图像</translation>
    </message>
    <message>
        <source>{true} images taken for {predicted}</source>
        <translation>被误认为 {predicted} 的 {true} 图像</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>LiteRT / TFLite full integer (int8, for microcontrollers and NPUs)</source>
        <translation>LiteRT / TFLite 全整数(int8,用于微控制器和 NPU)</translation>
    </message>
    <message>
        <source>Export {model}</source>
        <translation>导出 {model}</translation>
    </message>
    <message>
        <source>Each format is written with labels.txt, preprocessing.json and a README of loading code, then checked: it predicts validation images in its own runtime, and must agree with FitGen on at least 99% of them (97% for int8).</source>
        <translation>每种格式都会连同 labels.txt、preprocessing.json 和一份含加载代码的 README 一起写出,然后进行检查:在它自己的运行时中预测验证集图像,且至少 99% 的结果必须与 FitGen 一致(int8 为 97%)。</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>The export folder</source>
        <translation>导出文件夹</translation>
    </message>
    <message>
        <source>One sub-folder per format is written here.</source>
        <translation>每种格式会在这里写入一个子文件夹。</translation>
    </message>
    <message>
        <source>Replace the folder if it exists and is not empty</source>
        <translation>如果文件夹已存在且不为空,则替换它</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Self-test</source>
        <translation>自检</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>一致率</translation>
    </message>
    <message>
        <source>Largest difference</source>
        <translation>最大差异</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Exporting… (each format takes a few seconds to a minute)</source>
        <translation>正在导出…(每种格式需要几秒到一分钟)</translation>
    </message>
    <message>
        <source>Could not export: {error}</source>
        <translation>无法导出:{error}</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>{share} of {count}</source>
        <translation>{count} 张中的 {share}</translation>
    </message>
    <message>
        <source>{size} MB</source>
        <translation>{size} MB</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <source>The other formats were written and passed.</source>
        <translation>其他格式都已写出并通过自检。</translation>
    </message>
    <message>
        <source>All {count} formats written and self-tested in {folder} (see export-report.json).</source>
        <translation>全部 {count} 种格式都已写入 {folder} 并通过自检(见 export-report.json)。</translation>
    </message>
</context>
<context>
    <name>FixBar</name>
    <message>
        <source>Move to class ▸</source>
        <translation>移到类别 ▸</translation>
    </message>
    <message>
        <source>Move the image into another class folder (journaled in the dataset's fixes.jsonl; Undo puts it back).</source>
        <translation>把图像移到另一个类别文件夹(记录在数据集的 fixes.jsonl 中;“撤销”可移回)。</translation>
    </message>
    <message>
        <source>Exclude</source>
        <translation>排除</translation>
    </message>
    <message>
        <source>Move the image to _excluded/&lt;its class&gt;/ beside the class folders: left out of training, never deleted.</source>
        <translation>把图像移到类别文件夹旁边的 _excluded/&lt;其类别&gt;/ 中:不参与训练,但绝不删除。</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Fixes ▾</source>
        <translation>修正记录 ▾</translation>
    </message>
    <message>
        <source>Every fix of this dataset (its fixes.jsonl): choose one to undo it.</source>
        <translation>这个数据集的所有修正(其 fixes.jsonl):选择一项即可撤销。</translation>
    </message>
    <message>
        <source>Undo the last fix: {fix}</source>
        <translation>撤销上一次修正:{fix}</translation>
    </message>
    <message>
        <source>Nothing to undo in this dataset.</source>
        <translation>这个数据集没有可撤销的修正。</translation>
    </message>
    <message>
        <source>This image was {what} (Undo puts it back).</source>
        <translation>这张图像已被{what}(“撤销”可以放回原处)。</translation>
    </message>
    <message>
        <source>Could not do that: {error}</source>
        <translation>无法完成:{error}</translation>
    </message>
    <message numerus="yes">
        <source>Undid %n fix(es).</source>
        <translation>
            <numerusform>已撤销 %n 项修正。</numerusform></translation>
    </message>
    <message>
        <source>Undo {fix}</source>
        <translation>撤销 {fix}</translation>
    </message>
    <message>
        <source>Undo all</source>
        <translation>全部撤销</translation>
    </message>
</context>
<context>
    <name>Gallery</name>
    <message>
        <source>{title}: 1 image</source>
        <translation>{title}:1 张图像</translation>
    </message>
    <message>
        <source>{title}: {count} images</source>
        <translation>{title}:{count} 张图像</translation>
    </message>
    <message>
        <source>{text} (showing the first {shown})</source>
        <translation>{text}(显示前 {shown} 张)</translation>
    </message>
    <message>
        <source>{file}
Predicted {name} ({confidence})</source>
        <translation>{file}
预测为 {name}({confidence})</translation>
    </message>
    <message>
        <source>{text}; true class {name}</source>
        <translation>{text};真实类别 {name}</translation>
    </message>
</context>
<context>
    <name>ImageDetail</name>
    <message>
        <source>Choose an image</source>
        <translation>请选择一张图像</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open the image in the system's viewer.</source>
        <translation>用系统的看图程序打开这张图像。</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation>显示文件夹</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>Where the model looked for the predicted class: bright areas weighed most (Grad-CAM on the last convolution).</source>
        <translation>模型判断预测类别时关注的区域:越亮的区域权重越大(最后一个卷积层上的 Grad-CAM)。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>right</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>True class: {name}</source>
        <translation>真实类别:{name}</translation>
    </message>
    <message>
        <source>Predicted: {name} ({confidence}). The likeliest classes:</source>
        <translation>预测为:{name}({confidence})。最可能的类别:</translation>
    </message>
    <message>
        <source>This file cannot be read now.</source>
        <translation>现在无法读取这个文件。</translation>
    </message>
    <message>
        <source>Computing Grad-CAM…</source>
        <translation>正在计算 Grad-CAM…</translation>
    </message>
    <message>
        <source>Grad-CAM: {error}</source>
        <translation>Grad-CAM:{error}</translation>
    </message>
</context>
<context>
    <name>ImproveView</name>
    <message>
        <source>Folds</source>
        <translation>折数</translation>
    </message>
    <message>
        <source>K: each fold's model trains on the other K-1 folds and predicts its own images, which it never saw.</source>
        <translation>K:每一折的模型在其余 K-1 折上训练,再预测本折中它从未见过的图像。</translation>
    </message>
    <message>
        <source>Find likely label errors</source>
        <translation>查找疑似标注错误</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current batch; finished folds are kept and reused next time.</source>
        <translation>在当前批次之后停止;已完成的折会保留,下次直接复用。</translation>
    </message>
    <message>
        <source>Train again</source>
        <translation>重新训练</translation>
    </message>
    <message>
        <source>A new run with this run's settings on the folders as they are now (after your fixes).</source>
        <translation>用这次训练的设置,在文件夹当前的内容上(您修正之后)开始一次新的训练。</translation>
    </message>
    <message>
        <source>Choose a run (Runs tab, or train one) to look for label errors in its training images.</source>
        <translation>请选择一次训练(在“训练记录”标签页中,或训练一次),以查找其训练集图像中的标注错误。</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Only the images of one folder that look like another class.</source>
        <translation>只显示某个文件夹中看起来像另一个类别的图像。</translation>
    </message>
    <message>
        <source>Likely label errors</source>
        <translation>疑似标注错误</translation>
    </message>
    <message>
        <source>Find near-duplicates</source>
        <translation>查找近似重复</translation>
    </message>
    <message>
        <source>Read every image of the run's folders and compare their perceptual hashes.</source>
        <translation>读取该训练所用文件夹中的每张图像,并比较它们的感知哈希。</translation>
    </message>
    <message>
        <source>Near-duplicates</source>
        <translation>近似重复</translation>
    </message>
    <message>
        <source>Choose a run whose data are image folders.</source>
        <translation>请选择一次使用图像文件夹作为数据的训练。</translation>
    </message>
    <message>
        <source>Train K models on K folds of the training images and rank every image by how likely its folder is wrong.</source>
        <translation>在训练集图像的 K 折上训练 K 个模型,并按所在文件夹出错的可能性给每张图像排序。</translation>
    </message>
    <message>
        <source>Press Find near-duplicates.</source>
        <translation>请按“查找近似重复”。</translation>
    </message>
    <message>
        <source>Cannot read run {name}: {error}</source>
        <translation>无法读取训练 {name}:{error}</translation>
    </message>
    <message>
        <source>Run {name} reads a Python data file: finding label errors needs image folders.</source>
        <translation>训练 {name} 读取的是 Python 数据文件:查找标注错误需要图像文件夹。</translation>
    </message>
    <message>
        <source>Working out the folds…</source>
        <translation>正在划分折…</translation>
    </message>
    <message>
        <source>{plan} Press Find likely label errors.</source>
        <translation>{plan}请按“查找疑似标注错误”。</translation>
    </message>
    <message>
        <source>Cannot plan the folds: {error}.</source>
        <translation>无法划分折:{error}。</translation>
    </message>
    <message>
        <source>{folds} folds of {count} training images: each trains a new head on the frozen network's features (computed once) on the other folds and predicts its own.</source>
        <translation>{folds} 折,共 {count} 张训练集图像:每一折在其余各折上用冻结网络的特征(只计算一次)训练一个新的分类头,并预测本折的图像。</translation>
    </message>
    <message>
        <source>{folds} folds of {count} training images: each trains the whole model for {epochs} epochs on the other folds and predicts its own.</source>
        <translation>{folds} 折,共 {count} 张训练集图像:每一折在其余各折上把整个模型训练 {epochs} 轮,并预测本折的图像。</translation>
    </message>
    <message numerus="yes">
        <source>%n fold(s) are done already and are reused.</source>
        <translation>
            <numerusform>已有 %n 折完成,会重复使用。</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>About {time} for the %n fold(s) to do.</source>
        <translation>
            <numerusform>剩下的 %n 折大约需要 {time}。</numerusform></translation>
    </message>
    <message>
        <source>{count} s</source>
        <translation>{count} 秒</translation>
    </message>
    <message>
        <source>{count} min</source>
        <translation>{count} 分钟</translation>
    </message>
    <message>
        <source>{count} h</source>
        <translation>{count} 小时</translation>
    </message>
    <message>
        <source>Planning the folds…</source>
        <translation>正在划分折…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Could not find label errors: {error}</source>
        <translation>无法查找标注错误:{error}</translation>
    </message>
    <message>
        <source>Found before {count} likely label error(s) among {images} training images ({classes}).</source>
        <translation>之前在 {images} 张训练集图像中找到 {count} 个疑似标注错误({classes})。</translation>
    </message>
    <message>
        <source>Found {count} likely label error(s) among {images} training images ({classes}).</source>
        <translation>在 {images} 张训练集图像中找到 {count} 个疑似标注错误({classes})。</translation>
    </message>
    <message>
        <source>A likely label error is an image whose folder another class claims more surely than the models usually are of that class; the lower its q (the probability of its folder's class from a model that never saw it), the more suspect.</source>
        <translation>疑似标注错误是指这样的图像:另一个类别对它的把握,比模型通常对其所在文件夹类别的把握还要大;它的 q(从未见过它的模型给出的其所在文件夹类别的概率)越低,就越可疑。</translation>
    </message>
    <message>
        <source>All likely label errors ({count})</source>
        <translation>全部疑似标注错误({count})</translation>
    </message>
    <message>
        <source>{label} that look like {suggested} ({count})</source>
        <translation>看起来像 {suggested} 的 {label}({count})</translation>
    </message>
    <message>
        <source>Every training image, most suspect first ({count})</source>
        <translation>全部训练集图像,最可疑的在前({count})</translation>
    </message>
    <message>
        <source>Checked {count} images</source>
        <translation>已检查 {count} 张图像</translation>
    </message>
    <message>
        <source>Reading the images: {done}/{total}</source>
        <translation>正在读取图像:{done}/{total}</translation>
    </message>
</context>
<context>
    <name>InputPlots</name>
    <message>
        <source>% folder</source>
        <translation>文件夹%</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>val</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Profile 20 batches</source>
        <translation>分析 20 个批次的性能</translation>
    </message>
    <message>
        <source>Write a TensorBoard profile of the next 20 training batches into the run folder, and show the profiler's verdict on the input pipeline.</source>
        <translation>把接下来 20 个训练批次的 TensorBoard 性能分析写入训练记录文件夹,并显示分析器对输入管道的结论。</translation>
    </message>
    <message>
        <source>Tune loader…</source>
        <translation>调优数据加载…</translation>
    </message>
    <message>
        <source>Measure the data alone, the model alone and both, and find the fastest number of workers.</source>
        <translation>分别测量只读数据、只跑模型和两者同时的速度,并找出最快的工作进程数。</translation>
    </message>
    <message>
        <source>waiting for data</source>
        <translation>等待数据</translation>
    </message>
    <message>
        <source>step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <source>{waiting} + {step} (ms)</source>
        <translation>{waiting} + {step}(毫秒)</translation>
    </message>
    <message>
        <source>Classes in each batch</source>
        <translation>每个批次中的类别</translation>
    </message>
    <message>
        <source>The share of each class in the training folder, in the last epoch's training batches and in its validation batches.</source>
        <translation>各类别在训练集文件夹、上一轮的训练批次及其验证批次中所占的比例。</translation>
    </message>
    <message>
        <source>Epoch {epoch}: waited for data {percent}% of the time ({waited} s of {total} s): {verdict}. {advice}</source>
        <translation>第 {epoch} 轮:{percent}% 的时间在等待数据({total} 秒中的 {waited} 秒):{verdict}。{advice}</translation>
    </message>
    <message>
        <source>Profile of batches {first}-{last}: {verdict} Folder: {folder}</source>
        <translation>第 {first}-{last} 个批次的性能剖析:{verdict} 文件夹:{folder}</translation>
    </message>
    <message>
        <source>Open it with: {command}</source>
        <translation>打开方式:{command}</translation>
    </message>
    <message>
        <source>Classes: {names}</source>
        <translation>类别:{names}</translation>
    </message>
    <message>
        <source>Data feed: the time each batch waited for data appears here while training.</source>
        <translation>数据供给:训练期间,每个批次等待数据的时间会显示在这里。</translation>
    </message>
</context>
<context>
    <name>LoaderDialog</name>
    <message>
        <source>Tune loader</source>
        <translation>调优数据加载</translation>
    </message>
    <message>
        <source>Measures how fast the data alone, the model alone and full training go (20 batches each), then tries other numbers of workers, queue sizes and worker processes on full training. More workers are recommended only when the data is slower than the model.</source>
        <translation>分别测量只读数据、只跑模型和完整训练的速度(各 20 个批次),然后在完整训练上尝试其他的工作进程数、队列大小和多进程设置。只有当数据比模型慢时才建议增加工作进程。</translation>
    </message>
    <message>
        <source>Press Measure to start (it takes a little while: the model trains on real batches).</source>
        <translation>按“测量”开始(需要一点时间:模型会在真实批次上训练)。</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>images/s</source>
        <translation>张图像/秒</translation>
    </message>
    <message>
        <source>queue full</source>
        <translation>队列充满率</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>测量</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Write the recommended setting into Fit options.</source>
        <translation>把建议的设置写入“训练选项”。</translation>
    </message>
    <message>
        <source>Could not measure: {error}</source>
        <translation>无法测量:{error}</translation>
    </message>
    <message>
        <source>Data only {data} images/s · model only {model} · full training {full}.</source>
        <translation>仅数据 {data} 张图像/秒 · 仅模型 {model} · 完整训练 {full}。</translation>
    </message>
    <message>
        <source>{setting}  ← recommended</source>
        <translation>{setting}  ← 推荐</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Applied: {setting}. The next run uses it.</source>
        <translation>已应用:{setting}。下一次训练将使用它。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>FitGen</source>
        <translation>FitGen</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Fit options</source>
        <translation>训练选项</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>训练记录</translation>
    </message>
    <message>
        <source>Augmentation preview</source>
        <translation>数据增强预览</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Improve the data</source>
        <translation>改进数据</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Compare runs</source>
        <translation>比较训练</translation>
    </message>
    <message>
        <source>Loading TensorFlow…</source>
        <translation>正在加载 TensorFlow…</translation>
    </message>
    <message>
        <source>An evaluation, prediction or export is running; wait for it or cancel it.</source>
        <translation>正在进行评估、预测或导出;请等待它完成或取消它。</translation>
    </message>
    <message>
        <source>FitGen is looking for label errors or duplicates; wait for it or stop it.</source>
        <translation>FitGen 正在查找标注错误或重复图像;请等待它完成或停止它。</translation>
    </message>
    <message>
        <source>Profiling the next 20 batches; the profiler's verdict appears here when they are done.</source>
        <translation>正在分析接下来 20 个批次的性能;完成后分析器的结论会显示在这里。</translation>
    </message>
    <message>
        <source>A training is running: it would slow the measurements down. Tune the loader when it has ended.</source>
        <translation>正在训练:这会拖慢测量。请在训练结束后再调优加载器。</translation>
    </message>
    <message>
        <source>TensorFlow is still loading; try again in a moment.</source>
        <translation>TensorFlow 仍在加载;请稍后再试。</translation>
    </message>
    <message>
        <source>Folder for the runs</source>
        <translation>训练记录的文件夹</translation>
    </message>
    <message>
        <source>Device: {device}</source>
        <translation>设备:{device}</translation>
    </message>
    <message>
        <source>Device: CPU (no GPU found)</source>
        <translation>设备:CPU(未找到 GPU)</translation>
    </message>
    <message>
        <source>TensorFlow could not load</source>
        <translation>无法加载 TensorFlow</translation>
    </message>
    <message>
        <source>Training is not possible until this is fixed:
{error}</source>
        <translation>解决以下问题之前无法训练:
{error}</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <source>Stop the training and close FitGen? What was learned is kept as a checkpoint, and the run can be resumed later.</source>
        <translation>要停止训练并关闭 FitGen 吗?已学到的内容会保存为检查点,之后可以继续训练。</translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <source>no model</source>
        <translation>没有模型</translation>
    </message>
    <message>
        <source>{run}, epoch {epoch}</source>
        <translation>{run},第 {epoch} 轮</translation>
    </message>
    <message>
        <source>{run}, final model</source>
        <translation>{run},最终模型</translation>
    </message>
</context>
<context>
    <name>ModelFlow</name>
    <message>
        <source>A training is running: evaluate, predict and export when it ends (or stop it).</source>
        <translation>正在训练:请在训练结束后(或停止训练后)再评估、预测和导出。</translation>
    </message>
    <message>
        <source>A training is running: look for label errors when it ends (or stop it).</source>
        <translation>正在训练:请在训练结束后(或停止训练后)再查找标注错误。</translation>
    </message>
    <message>
        <source>An evaluation, prediction or export is running.</source>
        <translation>正在进行评估、预测或导出。</translation>
    </message>
    <message>
        <source>Train a model first (or choose a model file in the Predict tab).</source>
        <translation>请先训练一个模型(或在“预测”标签页中选择模型文件)。</translation>
    </message>
    <message>
        <source>With {model}.</source>
        <translation>使用 {model}。</translation>
    </message>
</context>
<context>
    <name>ModelPanel</name>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Download the ImageNet weights of this network from where Keras gets them (or the mirror in FITGEN_WEIGHTS_MIRROR), check them and keep them for next time.</source>
        <translation>从 Keras 获取权重的地址(或 FITGEN_WEIGHTS_MIRROR 中的镜像)下载该网络的 ImageNet 预训练权重,校验后保存以便下次使用。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source> copies</source>
        <translation> 份</translation>
    </message>
    <message>
        <source>Same as the images</source>
        <translation>与图像相同</translation>
    </message>
    <message>
        <source>Learning</source>
        <translation>学习</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <source>every</source>
        <translation>每</translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation>阶梯衰减</translation>
    </message>
    <message>
        <source>The small CNN always learns from scratch.</source>
        <translation>小型 CNN 总是从零开始训练。</translation>
    </message>
    <message>
        <source>Found: {path}</source>
        <translation>已找到:{path}</translation>
    </message>
    <message>
        <source>Download (about {size} MB)</source>
        <translation>下载(约 {size} MB)</translation>
    </message>
    <message>
        <source>Image size set to {size} (Data tab; it was {old}): ImageNet backbones learned on images of that size, and smaller ones lose much of what they learned.</source>
        <translation>图像尺寸已设为 {size}(“数据”标签页;原为 {old}):ImageNet 主干网络是在这个尺寸的图像上学习的,更小的图像会丢失它学到的很多东西。</translation>
    </message>
    <message>
        <source>Downloading the ImageNet weights of {name}…</source>
        <translation>正在下载 {name} 的 ImageNet 预训练权重…</translation>
    </message>
    <message>
        <source>{done} of {total} MB</source>
        <translation>{done} / {total} MB</translation>
    </message>
    <message>
        <source>{done} MB</source>
        <translation>{done} MB</translation>
    </message>
    <message>
        <source>Downloaded and checked: {path}</source>
        <translation>已下载并校验:{path}</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>A run of the Runs tab (newest first), or a model file.</source>
        <translation>“训练记录”标签页中的一次训练(最新的在前),或一个模型文件。</translation>
    </message>
    <message>
        <source>The run's final model (model.keras) or the checkpoint of a kept epoch.</source>
        <translation>该训练的最终模型(model.keras)或某个保留轮次的检查点。</translation>
    </message>
    <message>
        <source>Model file…</source>
        <translation>模型文件…</translation>
    </message>
    <message>
        <source>A .keras file of a FitGen export folder (with its labels.txt and preprocessing.json).</source>
        <translation>FitGen 导出文件夹中的 .keras 文件(连同其 labels.txt 和 preprocessing.json)。</translation>
    </message>
    <message>
        <source>{run} — best {metric} {value}</source>
        <translation>{run} — 最佳 {metric} {value}</translation>
    </message>
    <message>
        <source>File: {name}</source>
        <translation>文件:{name}</translation>
    </message>
    <message>
        <source>No trained model yet: train one first</source>
        <translation>还没有训练好的模型:请先训练一个</translation>
    </message>
    <message>
        <source>Final model ({which})</source>
        <translation>最终模型({which})</translation>
    </message>
    <message>
        <source>Final model</source>
        <translation>最终模型</translation>
    </message>
    <message>
        <source>Epoch {epoch} checkpoint</source>
        <translation>第 {epoch} 轮的检查点</translation>
    </message>
    <message>
        <source>A FitGen model file</source>
        <translation>FitGen 模型文件</translation>
    </message>
    <message>
        <source>Keras models (*.keras)</source>
        <translation>Keras 模型 (*.keras)</translation>
    </message>
</context>
<context>
    <name>OptionalRange</name>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>PathPicker</name>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
</context>
<context>
    <name>Plots</name>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>ms per batch</source>
        <translation>每批次毫秒数</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>% of images</source>
        <translation>图像占比(%)</translation>
    </message>
</context>
<context>
    <name>PredictView</name>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.ppm *.tif *.tiff *.gif *.webp)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.ppm *.tif *.tiff *.gif *.webp)</translation>
    </message>
    <message>
        <source>Choose images…</source>
        <translation>选择图像…</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Every image in the folder and its sub-folders.</source>
        <translation>文件夹及其子文件夹中的所有图像。</translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation>保存 CSV…</translation>
    </message>
    <message>
        <source>file, predicted, confidence, one column per class, error: the columns of `fitgen predict`.</source>
        <translation>“file”、“predicted”、“confidence”、每个类别一列、“error”:与 `fitgen predict` 的列相同。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Drop images or a folder here, or choose them.</source>
        <translation>把图像或文件夹拖到这里,或点击选择。</translation>
    </message>
    <message>
        <source>Train a model first (or choose a model file).</source>
        <translation>请先训练一个模型(或选择模型文件)。</translation>
    </message>
    <message>
        <source>Predict the class of images.</source>
        <translation>预测图像的类别。</translation>
    </message>
    <message>
        <source>Images to predict</source>
        <translation>要预测的图像</translation>
    </message>
    <message>
        <source>A folder of images to predict</source>
        <translation>要预测的图像文件夹</translation>
    </message>
    <message>
        <source>Train a model first (or choose a model file), then drop the images again.</source>
        <translation>请先训练一个模型(或选择模型文件),然后再次拖入图像。</translation>
    </message>
    <message>
        <source>Wait for the current task to end.</source>
        <translation>请等待当前任务结束。</translation>
    </message>
    <message>
        <source>Predicting with {model}…</source>
        <translation>正在用 {model} 预测…</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Could not predict: {error}</source>
        <translation>无法预测:{error}</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>{count} predicted</source>
        <translation>已预测 {count} 张</translation>
    </message>
    <message>
        <source>1 image predicted</source>
        <translation>已预测 1 张图像</translation>
    </message>
    <message>
        <source>{count} images predicted</source>
        <translation>已预测 {count} 张图像</translation>
    </message>
    <message>
        <source>{predicted}; {count} could not be read (see the Error column)</source>
        <translation>{predicted};{count} 张无法读取(见“错误”列)</translation>
    </message>
    <message>
        <source>{predicted}. Click a column to sort; choose a row to see it.</source>
        <translation>{predicted}。点击列标题可排序;选择一行即可查看。</translation>
    </message>
    <message>
        <source>No image files there.</source>
        <translation>那里没有图像文件。</translation>
    </message>
    <message>
        <source>Save the predictions</source>
        <translation>保存预测结果</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Could not write '{path}': {error}. Choose another place.</source>
        <translation>无法写入“{path}”:{error}。请换一个位置。</translation>
    </message>
    <message>
        <source>Saved {count} rows to {path}.</source>
        <translation>已把 {count} 行保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>PreviewView</name>
    <message>
        <source>New batch</source>
        <translation>新批次</translation>
    </message>
    <message>
        <source>Show the next batch of images (a data file's generator starts again after it raised).</source>
        <translation>显示下一批图像(数据文件的生成器出错后会重新开始)。</translation>
    </message>
    <message>
        <source>New augmentation</source>
        <translation>新的数据增强</translation>
    </message>
    <message>
        <source>The same images with new random changes.</source>
        <translation>同样的图像,换一组新的随机变换。</translation>
    </message>
    <message>
        <source>Show originals</source>
        <translation>显示原图</translation>
    </message>
    <message>
        <source>Before/after: the same images without augmentation.</source>
        <translation>前后对比:同样的图像,不做数据增强。</translation>
    </message>
    <message>
        <source>{count} images</source>
        <translation>{count} 张图像</translation>
    </message>
    <message>
        <source>How many images of the batch to show.</source>
        <translation>显示批次中的多少张图像。</translation>
    </message>
    <message>
        <source>Choose a training folder to see a batch.</source>
        <translation>请选择训练集文件夹以查看批次。</translation>
    </message>
    <message>
        <source>Choose a data file to see its batches.</source>
        <translation>请选择数据文件以查看其批次。</translation>
    </message>
    <message>
        <source>No preview: {reason}</source>
        <translation>无法预览:{reason}</translation>
    </message>
    <message>
        <source>Preparing a batch…</source>
        <translation>正在准备批次…</translation>
    </message>
    <message>
        <source>augmented</source>
        <translation>已做数据增强</translation>
    </message>
    <message>
        <source>originals</source>
        <translation>原图</translation>
    </message>
    <message>
        <source>no augmentation set</source>
        <translation>未设置数据增强</translation>
    </message>
    <message>
        <source>from your data file</source>
        <translation>来自您的数据文件</translation>
    </message>
    <message>
        <source>Batch {number} of {count}</source>
        <translation>第 {number} 个批次,共 {count} 个</translation>
    </message>
    <message>
        <source>Batch {number}</source>
        <translation>第 {number} 个批次</translation>
    </message>
    <message>
        <source>{batch} ({state}) · values {low} to {high} · built in {ms} ms ({rate} images/s)</source>
        <translation>{batch}({state})· 取值 {low} 到 {high} · 构建用时 {ms} 毫秒({rate} 张图像/秒)</translation>
    </message>
</context>
<context>
    <name>Project</name>
    <message>
        <source>{setting}: {problem}</source>
        <translation>{setting}:{problem}</translation>
    </message>
    <message>
        <source>Data check: still reading the files (training can start when it has finished)</source>
        <translation>数据检查:仍在读取文件(读取完成后即可开始训练)</translation>
    </message>
</context>
<context>
    <name>ProjectFiles</name>
    <message>
        <source>Open a FitGen project</source>
        <translation>打开 FitGen 项目</translation>
    </message>
    <message>
        <source>FitGen projects (*.json)</source>
        <translation>FitGen 项目 (*.json)</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Cannot save the project</source>
        <translation>无法保存项目</translation>
    </message>
</context>
<context>
    <name>ResumeDialog</name>
    <message>
        <source>Resume {name}</source>
        <translation>继续训练 {name}</translation>
    </message>
    <message>
        <source>Training continues from the chosen epoch with its weights and optimizer state; a stopped epoch continues at the batch where it stopped, as if it had never stopped. Later epochs are set aside in the run folder, not deleted.</source>
        <translation>训练从所选轮次继续,沿用其权重和优化器状态;中途停止的轮次会从停止时的批次接着训练,就像从未停止过一样。之后的轮次会在训练记录文件夹中另存,不会删除。</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Metrics at that epoch</source>
        <translation>该轮的指标</translation>
    </message>
    <message>
        <source>Train until epoch</source>
        <translation>训练到第几轮</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续训练</translation>
    </message>
</context>
<context>
    <name>RunBar</name>
    <message>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current batch; what was learned is saved as a checkpoint.</source>
        <translation>在当前批次之后停止;已学到的内容会保存为检查点。</translation>
    </message>
    <message>
        <source>Resume…</source>
        <translation>继续训练…</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Before training: {problems}</source>
        <translation>训练前需要处理:{problems}</translation>
    </message>
    <message>
        <source>Not ready to train yet.</source>
        <translation>尚不能开始训练。</translation>
    </message>
    <message>
        <source>A training is running.</source>
        <translation>正在进行一次训练。</translation>
    </message>
    <message>
        <source>Before training:
{problems}</source>
        <translation>训练前需要处理:
{problems}</translation>
    </message>
    <message>
        <source>Train a new run with these settings (F5).</source>
        <translation>用这些设置开始一次新的训练(F5)。</translation>
    </message>
    <message>
        <source>How good the shown run's model is, per class, and which images it gets wrong (Evaluation tab).</source>
        <translation>显示的训练所得模型有多好:各类别的表现,以及它判错了哪些图像(“评估”标签页)。</translation>
    </message>
    <message>
        <source>Train a run (or open one in the Runs tab) to evaluate its model.</source>
        <translation>请先训练一次(或在“训练记录”标签页中打开一次训练),再评估其模型。</translation>
    </message>
    <message>
        <source>Continue the shown run from one of its checkpoints.</source>
        <translation>从显示的训练的某个检查点继续训练。</translation>
    </message>
    <message>
        <source>Open a run (Runs tab) or train one to resume it.</source>
        <translation>请打开一次训练(“训练记录”标签页)或训练一次,才能继续训练。</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>将在当前批次之后停止…</translation>
    </message>
    <message>
        <source>Stopping before the first batch (a step being compiled cannot be interrupted; it ends in a moment)…</source>
        <translation>正在第一个批次之前停止(正在编译的步骤无法中断,很快就会结束)…</translation>
    </message>
    <message>
        <source>Epoch {epoch}/{epochs} · batch {batch}/{batches}</source>
        <translation>第 {epoch}/{epochs} 轮 · 第 {batch}/{batches} 个批次</translation>
    </message>
    <message>
        <source>{where} · about {time} left</source>
        <translation>{where} · 约剩 {time}</translation>
    </message>
    <message>
        <source>Training on {device} · {speed} images/s · loss {loss}</source>
        <translation>在 {device} 上训练 · {speed} 张图像/秒 · 损失 {loss}</translation>
    </message>
    <message numerus="yes">
        <source>Finished after %n epochs (stopped early: no more improvement)</source>
        <translation>
            <numerusform>训练 %n 轮后完成(提前停止:不再有改进)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Finished after %n epochs</source>
        <translation>
            <numerusform>训练 %n 轮后完成</numerusform></translation>
    </message>
    <message>
        <source>{finished}. Model saved to {path}. Press Evaluate to see how good it is.</source>
        <translation>{finished}。模型已保存到 {path}。按“评估”查看它有多好。</translation>
    </message>
    <message>
        <source>Stopped at epoch {epoch}, batch {batch}</source>
        <translation>停止于第 {epoch} 轮第 {batch} 个批次</translation>
    </message>
    <message>
        <source>Stopped before the first batch</source>
        <translation>在第一个批次之前停止</translation>
    </message>
    <message>
        <source>Checkpoint: {path}</source>
        <translation>检查点:{path}</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>没有保存任何内容。</translation>
    </message>
    <message>
        <source>No checkpoint yet.</source>
        <translation>还没有检查点。</translation>
    </message>
    <message>
        <source>{stopped}. {kept}</source>
        <translation>{stopped}。{kept}</translation>
    </message>
    <message>
        <source>Failed: see the message</source>
        <translation>失败:请查看消息</translation>
    </message>
    <message>
        <source>Training stopped: {message}</source>
        <translation>训练已停止:{message}</translation>
    </message>
</context>
<context>
    <name>RunFlow</name>
    <message>
        <source>Ready: your data file's {classes} classes. Press Start training.</source>
        <translation>就绪:您的数据文件有 {classes} 个类别。按“开始训练”。</translation>
    </message>
    <message>
        <source>Ready: {train} training images in {classes} classes, {val} validation images. Press Start training.</source>
        <translation>就绪:{classes} 个类别共 {train} 张训练集图像,{val} 张验证集图像。按“开始训练”。</translation>
    </message>
    <message>
        <source>Ready: {train} training images in {classes} classes. Press Start training.</source>
        <translation>就绪:{classes} 个类别共 {train} 张训练集图像。按“开始训练”。</translation>
    </message>
    <message>
        <source>Cannot train again</source>
        <translation>无法重新训练</translation>
    </message>
    <message>
        <source>The training could not start.</source>
        <translation>训练无法开始。</translation>
    </message>
    <message>
        <source>A training is running.</source>
        <translation>正在进行一次训练。</translation>
    </message>
    <message>
        <source>Before training: {problems}</source>
        <translation>训练前需要处理:{problems}</translation>
    </message>
    <message>
        <source>Train a new run with these settings.</source>
        <translation>用这些设置开始一次新的训练。</translation>
    </message>
    <message>
        <source>Nothing is training.</source>
        <translation>当前没有正在进行的训练。</translation>
    </message>
    <message>
        <source>Stopping already.</source>
        <translation>正在停止。</translation>
    </message>
    <message>
        <source>Stop after the current batch; a checkpoint is kept.</source>
        <translation>在当前批次之后停止;会保留检查点。</translation>
    </message>
    <message>
        <source>Open a run in the Runs tab (or train one) to resume it.</source>
        <translation>请在“训练记录”标签页中打开一次训练(或训练一次),才能继续训练。</translation>
    </message>
    <message>
        <source>Continue the shown run from one of its checkpoints.</source>
        <translation>从显示的训练的某个检查点继续训练。</translation>
    </message>
    <message>
        <source>Cannot resume</source>
        <translation>无法继续训练</translation>
    </message>
    <message>
        <source>Start the run again?</source>
        <translation>要重新开始这次训练吗?</translation>
    </message>
    <message>
        <source>Run {name} has no checkpoint: it stopped before its first epoch ended. Start it again from epoch 1 with its settings?</source>
        <translation>训练 {name} 没有检查点:它在第一轮结束前就停止了。要用它的设置从第 1 轮重新开始吗?</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <source>Open other runs when the current training ends.</source>
        <translation>请在当前训练结束后再打开其他训练记录。</translation>
    </message>
    <message>
        <source>This run is being trained elsewhere; it can be resumed when that ends.</source>
        <translation>这次训练正在别处进行;等它结束后才能继续训练。</translation>
    </message>
    <message>
        <source>Training stopped</source>
        <translation>训练已停止</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <source>The folder where runs are saved.</source>
        <translation>保存训练记录的文件夹。</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮次(epoch)</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Show the run's plots and console.</source>
        <translation>显示该训练的曲线和控制台。</translation>
    </message>
    <message>
        <source>Resume…</source>
        <translation>继续训练…</translation>
    </message>
    <message>
        <source>Continue from one of its checkpoints.</source>
        <translation>从它的某个检查点继续训练。</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>How good its model is, per class, on its validation data (Evaluation tab).</source>
        <translation>它的模型在验证集数据上各类别的效果(“评估”标签页)。</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Write its model as .keras, SavedModel, ONNX or TFLite, self-tested.</source>
        <translation>把它的模型导出为 .keras、SavedModel、ONNX 或 TFLite,并自动检验。</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation>显示文件夹</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Select two or more runs (Ctrl+click), or a sweep's row, to see their settings, results and curves side by side.</source>
        <translation>选择两次或更多训练(按住 Ctrl 点击),或者一个参数扫描的行,就能并排看到它们的设置、结果和曲线。</translation>
    </message>
    <message>
        <source>Runs are saved in {path}</source>
        <translation>训练记录保存在 {path}</translation>
    </message>
    <message>
        <source>{value} (epoch {epoch})</source>
        <translation>{value}(第 {epoch} 轮)</translation>
    </message>
    <message>
        <source>The best epoch by the run's monitored metric; its checkpoint is kept.</source>
        <translation>按该训练所监视指标的最佳轮次;其检查点会保留。</translation>
    </message>
    <message>
        <source>Which epoch the run's final model (model.keras) is, and whether it is the best one.</source>
        <translation>该训练的最终模型(model.keras)是第几轮的,以及它是否为最佳。</translation>
    </message>
    <message>
        <source>No final model yet (the run did not finish); its checkpoints can be evaluated and exported.</source>
        <translation>还没有最终模型(训练未完成);可以评估和导出它的检查点。</translation>
    </message>
</context>
<context>
    <name>SeedInput</name>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>A different random run each time.</source>
        <translation>每次训练都随机不同。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>The last session's settings could not be read (the file is damaged); they were kept in {path}. FitGen starts with the demo settings.</source>
        <translation>无法读取上次会话的设置(文件已损坏);它们已保存在 {path}。FitGen 将使用演示设置启动。</translation>
    </message>
    <message>
        <source>{list}
… and {count} more</source>
        <translation>{list}
……还有 {count} 项</translation>
    </message>
    <message>
        <source>Some settings of the last session are not known to this FitGen (written by a newer version?):
{list}

The rest was restored. The whole session was kept in {path}.</source>
        <translation>上次会话中有些设置这个版本的 FitGen 不认识(可能由更新的版本写入?):
{list}

其余设置已恢复。完整的会话已保存在 {path}。</translation>
    </message>
    <message>
        <source>The last session</source>
        <translation>上次会话</translation>
    </message>
</context>
<context>
    <name>Setting</name>
    <message>
        <source>Run name</source>
        <translation>训练名称</translation>
    </message>
    <message>
        <source>Data source</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <source>Folders of images, one sub-folder per class; or your own generator in a Python file.</source>
        <translation>图像文件夹(每个类别一个子文件夹),或 Python 文件中您自己的生成器。</translation>
    </message>
    <message>
        <source>Image folders</source>
        <translation>图像文件夹</translation>
    </message>
    <message>
        <source>A Python data file (programmers)</source>
        <translation>Python 数据文件(面向程序员)</translation>
    </message>
    <message>
        <source>Training images</source>
        <translation>训练集图像</translation>
    </message>
    <message>
        <source>The folder of training images, with one sub-folder per class (cats/, dogs/...).</source>
        <translation>训练集图像所在的文件夹,每个类别一个子文件夹(cats/、dogs/……)。</translation>
    </message>
    <message>
        <source>Validation folder</source>
        <translation>验证集文件夹</translation>
    </message>
    <message>
        <source>The folder of validation images, one sub-folder per class.</source>
        <translation>验证集图像所在的文件夹,每个类别一个子文件夹。</translation>
    </message>
    <message>
        <source>Validation share</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>The share of each class's training images kept aside for validation.</source>
        <translation>每个类别的训练集图像中留作验证集的比例。</translation>
    </message>
    <message>
        <source>must be between 0 and 1 (a fraction, e.g. 0.2)</source>
        <translation>必须介于 0 和 1 之间(一个比例,例如 0.2)</translation>
    </message>
    <message>
        <source>Image size (h × w)</source>
        <translation>图像尺寸(高 × 宽)</translation>
    </message>
    <message>
        <source>Height and width the images are resized to.</source>
        <translation>图像缩放到的高度和宽度。</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>How many channels the model sees.</source>
        <translation>模型看到的通道数。</translation>
    </message>
    <message>
        <source>Colour (RGB)</source>
        <translation>彩色(RGB)</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>Colour + alpha (RGBA)</source>
        <translation>彩色 + 透明度(RGBA)</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>How labels are given to the model; 'binary' needs exactly 2 classes.</source>
        <translation>标签以何种形式交给模型;“二分类”要求恰好 2 个类别。</translation>
    </message>
    <message>
        <source>One-hot (categorical)</source>
        <translation>独热编码(categorical)</translation>
    </message>
    <message>
        <source>Class index (sparse)</source>
        <translation>类别索引(sparse)</translation>
    </message>
    <message>
        <source>Binary (2 classes)</source>
        <translation>二分类(2 个类别)</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批次大小</translation>
    </message>
    <message>
        <source>Images per training step. Smaller uses less memory; larger trains faster per image.</source>
        <translation>每个训练步的图像数。越小占用内存越少;越大则每张图像训练越快。</translation>
    </message>
    <message>
        <source>Resizing</source>
        <translation>缩放方式</translation>
    </message>
    <message>
        <source>How images are resampled to the image size (Pillow's filter of that name, which an exported model's preprocessing.json names).</source>
        <translation>图像缩放到目标尺寸时的重采样方法(Pillow 中同名的滤波器,导出模型的 preprocessing.json 会写明)。</translation>
    </message>
    <message>
        <source>Bilinear</source>
        <translation>双线性</translation>
    </message>
    <message>
        <source>Nearest (Keras 2 default)</source>
        <translation>最近邻(Keras 2 默认)</translation>
    </message>
    <message>
        <source>Bicubic</source>
        <translation>双三次</translation>
    </message>
    <message>
        <source>Lanczos</source>
        <translation>Lanczos</translation>
    </message>
    <message>
        <source>Area (box)</source>
        <translation>区域(box)</translation>
    </message>
    <message>
        <source>Hamming</source>
        <translation>Hamming</translation>
    </message>
    <message>
        <source>Crop to keep the aspect ratio</source>
        <translation>裁剪以保持宽高比</translation>
    </message>
    <message>
        <source>Cut the centre of each image to the target's shape instead of stretching it.</source>
        <translation>截取每张图像的中心部分以符合目标形状,而不是拉伸。</translation>
    </message>
    <message>
        <source>Follow linked folders</source>
        <translation>跟随链接的文件夹</translation>
    </message>
    <message>
        <source>Include folders reached through links (shortcuts), and class folders that are links.</source>
        <translation>包括通过链接(快捷方式)到达的文件夹,以及本身是链接的类别文件夹。</translation>
    </message>
    <message>
        <source>Also read GIF and WebP files</source>
        <translation>同时读取 GIF 和 WebP 文件</translation>
    </message>
    <message>
        <source>Keras 2's flow_from_directory reads png, jpg, bmp, ppm and tif only; turn this off to train on exactly Keras 2's files.</source>
        <translation>Keras 2 的 flow_from_directory 只读取 png、jpg、bmp、ppm 和 tif;关闭此项即可完全按 Keras 2 的文件范围训练。</translation>
    </message>
    <message>
        <source>Fast reading of large photos (OpenCV)</source>
        <translation>快速读取大尺寸照片(OpenCV)</translation>
    </message>
    <message>
        <source>Decode JPEGs at reduced scale and resize with OpenCV: faster on large photos, but the pixels differ a little from Keras 2's and from what an exported model's preprocessing.json declares (its self-test then shows the difference).</source>
        <translation>以缩小的比例解码 JPEG 并用 OpenCV 缩放:大照片上更快,但像素与 Keras 2 以及导出模型的 preprocessing.json 所声明的略有不同(其自检会显示差异)。</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <source>A file defining class_names and train_data(batch_size) (and val_data): see docs/python-data-file.md.</source>
        <translation>定义 class_names 和 train_data(batch_size)(以及 val_data)的文件:见 docs/python-data-file.md。</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>旋转</translation>
    </message>
    <message>
        <source>Turn images by up to this many degrees, left or right.</source>
        <translation>将图像向左或向右旋转,最多这么多度。</translation>
    </message>
    <message>
        <source>Shift sideways</source>
        <translation>水平平移</translation>
    </message>
    <message>
        <source>Move images sideways by up to this share of their width.</source>
        <translation>将图像左右平移,最多为其宽度的这一比例。</translation>
    </message>
    <message>
        <source>Shift up/down</source>
        <translation>垂直平移</translation>
    </message>
    <message>
        <source>Move images up or down by up to this share of their height.</source>
        <translation>将图像上下平移,最多为其高度的这一比例。</translation>
    </message>
    <message>
        <source>Shear</source>
        <translation>剪切</translation>
    </message>
    <message>
        <source>Slant images by up to this angle, in degrees (Keras 2: 0.2 is almost nothing).</source>
        <translation>将图像倾斜,最多这个角度(度)(Keras 2 中的 0.2 几乎没有效果)。</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Zoom in or out by up to this share; width and height are zoomed separately.</source>
        <translation>放大或缩小,最多这一比例;宽和高分别缩放。</translation>
    </message>
    <message>
        <source>must be at least 0 and below 1 (0.2 zooms by up to 20% in or out)</source>
        <translation>必须大于等于 0 且小于 1(0.2 表示最多放大或缩小 20%)</translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation>亮度</translation>
    </message>
    <message>
        <source>Multiply pixel values by a factor from the range (0.8 is 20% darker, 1.2 is 20% brighter).</source>
        <translation>将像素值乘以该范围内的一个系数(0.8 暗 20%,1.2 亮 20%)。</translation>
    </message>
    <message>
        <source>Colour shift</source>
        <translation>颜色偏移</translation>
    </message>
    <message>
        <source>Add a random amount (up to this) to every colour channel.</source>
        <translation>给每个颜色通道加上一个随机量(最多为此值)。</translation>
    </message>
    <message>
        <source>Fill uncovered areas</source>
        <translation>空白区域填充</translation>
    </message>
    <message>
        <source>What fills the corners uncovered by a rotation, shift or zoom out.</source>
        <translation>旋转、平移或缩小后露出的角落用什么填充。</translation>
    </message>
    <message>
        <source>Repeat the edge pixels</source>
        <translation>重复边缘像素</translation>
    </message>
    <message>
        <source>Mirror the image</source>
        <translation>镜像图像</translation>
    </message>
    <message>
        <source>Tile the image</source>
        <translation>平铺图像</translation>
    </message>
    <message>
        <source>A fixed value</source>
        <translation>固定值</translation>
    </message>
    <message>
        <source>Fill value</source>
        <translation>填充值</translation>
    </message>
    <message>
        <source>The pixel value used when filling with a fixed value (0 black, 255 white).</source>
        <translation>用固定值填充时使用的像素值(0 为黑,255 为白)。</translation>
    </message>
    <message>
        <source>Left–right</source>
        <translation>左右翻转</translation>
    </message>
    <message>
        <source>Mirror half of the images left to right.</source>
        <translation>将一半图像左右翻转。</translation>
    </message>
    <message>
        <source>Upside down</source>
        <translation>上下翻转</translation>
    </message>
    <message>
        <source>Flip half of the images upside down (only if that can happen in real images, e.g. cells).</source>
        <translation>将一半图像上下翻转(仅当真实图像中可能出现这种情况时,例如细胞)。</translation>
    </message>
    <message>
        <source>Rescale</source>
        <translation>重新缩放</translation>
    </message>
    <message>
        <source>Keras 2's rescale, after augmentation: 1/255 = 0.003922.</source>
        <translation>Keras 2 的 rescale,在数据增强之后应用:1/255 = 0.003922。</translation>
    </message>
    <message>
        <source>Subtract the dataset mean</source>
        <translation>减去数据集均值</translation>
    </message>
    <message>
        <source>Per channel, computed from a sample of the training images.</source>
        <translation>按通道计算,取自训练集图像的一个样本。</translation>
    </message>
    <message>
        <source>Divide by the dataset std</source>
        <translation>除以数据集标准差</translation>
    </message>
    <message>
        <source>Subtract each image's mean</source>
        <translation>减去每张图像的均值</translation>
    </message>
    <message>
        <source>Divide by each image's std</source>
        <translation>除以每张图像的标准差</translation>
    </message>
    <message>
        <source>ZCA whitening</source>
        <translation>ZCA 白化</translation>
    </message>
    <message>
        <source>Decorrelate pixels (only for images of 32×32 or less).</source>
        <translation>去除像素间的相关性(仅适用于 32×32 及以下的图像)。</translation>
    </message>
    <message>
        <source>ZCA epsilon</source>
        <translation>ZCA epsilon</translation>
    </message>
    <message>
        <source>Regularization of ZCA whitening.</source>
        <translation>ZCA 白化的正则化项。</translation>
    </message>
    <message>
        <source>Resampling</source>
        <translation>重采样</translation>
    </message>
    <message>
        <source>How pixels are resampled when images are turned or zoomed.</source>
        <translation>旋转或缩放图像时像素的重采样方式。</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>网络结构</translation>
    </message>
    <message>
        <source>The network that learns. The small CNN is quick on a CPU; the others are stronger, and much stronger with ImageNet weights.</source>
        <translation>用于学习的网络。小型 CNN 在 CPU 上很快;其他网络更强,使用 ImageNet 权重时更强得多。</translation>
    </message>
    <message>
        <source>Small CNN (fast, learns simple images on a CPU)</source>
        <translation>小型 CNN(快速,可在 CPU 上学习简单图像)</translation>
    </message>
    <message>
        <source>MobileNetV3 Small</source>
        <translation>MobileNetV3 Small</translation>
    </message>
    <message>
        <source>MobileNetV3 Large</source>
        <translation>MobileNetV3 Large</translation>
    </message>
    <message>
        <source>EfficientNet B0</source>
        <translation>EfficientNet B0</translation>
    </message>
    <message>
        <source>EfficientNetV2 B0</source>
        <translation>EfficientNetV2 B0</translation>
    </message>
    <message>
        <source>ConvNeXt Tiny</source>
        <translation>ConvNeXt Tiny</translation>
    </message>
    <message>
        <source>ResNet50</source>
        <translation>ResNet50</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>起始权重</translation>
    </message>
    <message>
        <source>Start from weights learned on ImageNet (1.2 million photos) to learn from few images.</source>
        <translation>从在 ImageNet(120 万张照片)上学到的权重开始,用少量图像就能学好。</translation>
    </message>
    <message>
        <source>Train the whole network</source>
        <translation>训练整个网络</translation>
    </message>
    <message>
        <source>Off: only the new classification head learns (fast, good with pretrained weights and few images).</source>
        <translation>关闭:只训练新的分类头(速度快,适合预训练权重和少量图像)。</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout(随机失活)</translation>
    </message>
    <message>
        <source>Share of features switched off at random in training, against overfitting.</source>
        <translation>训练时随机关闭的特征比例,用于防止过拟合。</translation>
    </message>
    <message>
        <source>Input size</source>
        <translation>输入尺寸</translation>
    </message>
    <message>
        <source>Images are resized to this inside the model.</source>
        <translation>图像在模型内部缩放到此尺寸。</translation>
    </message>
    <message>
        <source>Then fine-tune the top of the network</source>
        <translation>然后微调网络的顶层</translation>
    </message>
    <message>
        <source>Keras's transfer-learning recipe: the new head learns alone on the frozen network for the first half of the epochs, then the top 30% of the network's layers learn too, at a tenth of the learning rate (batch normalization stays frozen). Needs 'Train the whole network' off.</source>
        <translation>Keras 的迁移学习做法:前一半轮次中,新的分类头在冻结的网络上单独训练,之后网络顶部 30% 的层也参与训练,学习率为十分之一(批归一化保持冻结)。需要关闭“训练整个网络”。</translation>
    </message>
    <message>
        <source>Fine-tune from epoch</source>
        <translation>从第几轮开始微调</translation>
    </message>
    <message>
        <source>must be epoch 2 or later (epoch 1 trains the head)</source>
        <translation>必须是第 2 轮或之后(第 1 轮训练分类头)</translation>
    </message>
    <message>
        <source>Share of layers fine-tuned</source>
        <translation>微调的层所占比例</translation>
    </message>
    <message>
        <source>Fine-tuning learning-rate factor</source>
        <translation>微调学习率系数</translation>
    </message>
    <message>
        <source>Compute the frozen network's features once</source>
        <translation>只计算一次冻结网络的特征</translation>
    </message>
    <message>
        <source>While the network is frozen it sees each image the same way every epoch: FitGen runs it once per image, keeps what it sees in the run folder, and the head learns from that (epochs many times faster; the saved model is the whole network as usual). With augmentation, several augmented copies of each image are kept and the epochs take them in turn.</source>
        <translation>网络冻结时,每一轮看到的每张图像都相同:FitGen 对每张图像只运行一次网络,把结果保存在训练记录文件夹中,分类头从这些结果中学习(每轮快很多倍;保存的模型照常是整个网络)。使用数据增强时,每张图像会保存几份增强副本,各轮次轮流使用。</translation>
    </message>
    <message>
        <source>Augmented copies</source>
        <translation>增强副本数</translation>
    </message>
    <message>
        <source>With augmentation: augmented copies of each image computed once; more copies give more variety and take longer to compute.</source>
        <translation>使用数据增强时:每张图像预先计算的增强副本数;副本越多变化越丰富,计算时间也越长。</translation>
    </message>
    <message>
        <source>must be a whole number of copies from 1 to 100</source>
        <translation>必须是 1 到 100 之间的整数副本数</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>How the weights are updated. Adam is a good default.</source>
        <translation>权重的更新方式。Adam 是不错的默认选择。</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation>带动量的 SGD</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Step size of learning. Too high: the loss jumps or becomes NaN; too low: slow.</source>
        <translation>学习的步长。过高:损失跳动或变成 NaN;过低:学得慢。</translation>
    </message>
    <message>
        <source>must be a number above 0 (typically 0.0001 to 0.01)</source>
        <translation>必须是大于 0 的数(通常为 0.0001 到 0.01)</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>调度方式</translation>
    </message>
    <message>
        <source>How the learning rate changes during training.</source>
        <translation>训练过程中学习率如何变化。</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>Cosine decay to 0</source>
        <translation>余弦衰减到 0</translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation>阶梯衰减</translation>
    </message>
    <message>
        <source>Step decay factor</source>
        <translation>阶梯衰减系数</translation>
    </message>
    <message>
        <source>Step decay: multiply the rate by this...</source>
        <translation>阶梯衰减:将学习率乘以此值……</translation>
    </message>
    <message>
        <source>Step decay every</source>
        <translation>阶梯衰减间隔</translation>
    </message>
    <message>
        <source>...every this many epochs.</source>
        <translation>……每隔这么多轮次。</translation>
    </message>
    <message>
        <source>Warm-up</source>
        <translation>预热</translation>
    </message>
    <message>
        <source>Cosine decay: the learning rate rises from a tenth of its value to its value over these first epochs, then decays to 0 (0: no warm-up). Steadier first epochs on small data.</source>
        <translation>余弦衰减:在最初这些轮次中,学习率从其十分之一升到设定值,然后衰减到 0(0 表示不预热)。小数据集上前几轮更稳定。</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮次(epoch)</translation>
    </message>
    <message>
        <source>Passes over the training images.</source>
        <translation>遍历训练集图像的次数。</translation>
    </message>
    <message>
        <source>Steps per epoch</source>
        <translation>每轮步数</translation>
    </message>
    <message>
        <source>Batches per epoch; automatic is every image once (ceil(images / batch size)).</source>
        <translation>每轮的批次数;自动表示每张图像用一次(ceil(图像数 / 批次大小))。</translation>
    </message>
    <message>
        <source>must be a whole number of batches from 1 to 10,000,000 (or empty for automatic)</source>
        <translation>必须是 1 到 10,000,000 之间的整数批次数(留空表示自动)</translation>
    </message>
    <message>
        <source>Validation steps</source>
        <translation>验证步数</translation>
    </message>
    <message>
        <source>Validation batches after an epoch; automatic is all.</source>
        <translation>每轮结束后的验证批次数;自动表示全部。</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>验证间隔</translation>
    </message>
    <message>
        <source>Validate after every N epochs.</source>
        <translation>每 N 轮验证一次。</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>工作线程</translation>
    </message>
    <message>
        <source>Threads preparing batches while the model trains; 0 prepares them in turn.</source>
        <translation>模型训练时准备批次的线程数;0 表示依次准备。</translation>
    </message>
    <message>
        <source>Use processes instead of threads</source>
        <translation>使用进程代替线程</translation>
    </message>
    <message>
        <source>Rarely faster for image files; needs more memory.</source>
        <translation>对图像文件很少更快;需要更多内存。</translation>
    </message>
    <message>
        <source>Queue size</source>
        <translation>队列大小</translation>
    </message>
    <message>
        <source>Batches prepared ahead, at most.</source>
        <translation>最多提前准备的批次数。</translation>
    </message>
    <message>
        <source>Shuffle images every epoch</source>
        <translation>每轮打乱图像顺序</translation>
    </message>
    <message>
        <source>A new order every epoch (recommended).</source>
        <translation>每轮使用新的顺序(推荐)。</translation>
    </message>
    <message>
        <source>Class weights</source>
        <translation>类别权重</translation>
    </message>
    <message>
        <source>Make rare classes count more in the loss.</source>
        <translation>让稀有类别在损失中占更大权重。</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>What the console shows, as Keras's verbose 1, 2 or 0.</source>
        <translation>控制台显示的内容,相当于 Keras 的 verbose 1、2 或 0。</translation>
    </message>
    <message>
        <source>Progress bar</source>
        <translation>进度条</translation>
    </message>
    <message>
        <source>One line per epoch</source>
        <translation>每轮一行</translation>
    </message>
    <message>
        <source>Silent</source>
        <translation>静默</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>The same seed repeats the same shuffling, augmentation and dropout.</source>
        <translation>相同的随机种子会重现相同的打乱、数据增强和 Dropout。</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Where the model trains. GPUs appear once TensorFlow has loaded.</source>
        <translation>模型在哪里训练。TensorFlow 加载后会显示 GPU。</translation>
    </message>
    <message>
        <source>Mixed precision (GPU)</source>
        <translation>混合精度(GPU)</translation>
    </message>
    <message>
        <source>16-bit arithmetic where safe: faster on recent GPUs, no use on a CPU.</source>
        <translation>在安全的地方使用 16 位运算:在较新的 GPU 上更快,在 CPU 上无用。</translation>
    </message>
    <message>
        <source>XLA compilation</source>
        <translation>XLA 编译</translation>
    </message>
    <message>
        <source>XLA compiles the training step into fused GPU code: often faster on a GPU after a longer first batch; rarely worth it on a CPU.</source>
        <translation>XLA 把训练步编译成融合的 GPU 代码:在 GPU 上通常更快,但第一个批次更慢;在 CPU 上很少值得。</translation>
    </message>
    <message>
        <source>Automatic (on with one GPU)</source>
        <translation>自动(单个 GPU 时开启)</translation>
    </message>
    <message>
        <source>On</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Check every file before training</source>
        <translation>训练前检查每个文件</translation>
    </message>
    <message>
        <source>Find unreadable files first (they are skipped).</source>
        <translation>先找出无法读取的文件(它们会被跳过)。</translation>
    </message>
    <message>
        <source>Stop if unreadable above</source>
        <translation>无法读取超过此比例时停止</translation>
    </message>
    <message>
        <source>Stop when more than this share of images fails to load during training.</source>
        <translation>训练中无法加载的图像超过此比例时停止。</translation>
    </message>
    <message>
        <source>When the loss is NaN</source>
        <translation>损失为 NaN 时</translation>
    </message>
    <message>
        <source>What to do when the loss becomes NaN (not a number).</source>
        <translation>损失变成 NaN(非数值)时怎么办。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Warn and go on</source>
        <translation>警告并继续</translation>
    </message>
    <message>
        <source>Stop early</source>
        <translation>早停</translation>
    </message>
    <message>
        <source>Stop when the watched value stops improving.</source>
        <translation>监视的指标不再改善时停止。</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>监视</translation>
    </message>
    <message>
        <source>The value to watch.</source>
        <translation>要监视的指标。</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>验证集损失</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证集准确率</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练集损失</translation>
    </message>
    <message>
        <source>Training accuracy</source>
        <translation>训练集准确率</translation>
    </message>
    <message>
        <source>Patience</source>
        <translation>耐心轮数</translation>
    </message>
    <message>
        <source>Epochs without improvement to wait.</source>
        <translation>等待多少轮没有改善。</translation>
    </message>
    <message>
        <source>Smallest improvement</source>
        <translation>最小改善量</translation>
    </message>
    <message>
        <source>Keep the best epoch's weights</source>
        <translation>保留最佳轮次的权重</translation>
    </message>
    <message>
        <source>Lower the learning rate</source>
        <translation>降低学习率</translation>
    </message>
    <message>
        <source>Multiply the rate by the factor when the watched value stops improving (constant schedule only).</source>
        <translation>监视的指标不再改善时将学习率乘以该系数(仅限恒定调度)。</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>系数</translation>
    </message>
    <message>
        <source>Multiply the rate by this.</source>
        <translation>将学习率乘以此值。</translation>
    </message>
    <message>
        <source>Epochs to wait.</source>
        <translation>等待的轮次数。</translation>
    </message>
    <message>
        <source>Lowest learning rate</source>
        <translation>最低学习率</translation>
    </message>
    <message>
        <source>Write TensorBoard logs</source>
        <translation>写入 TensorBoard 日志</translation>
    </message>
    <message>
        <source>In the run folder's tensorboard/ sub-folder.</source>
        <translation>写在训练记录文件夹的 tensorboard/ 子文件夹中。</translation>
    </message>
    <message>
        <source>Profile batches</source>
        <translation>性能分析批次</translation>
    </message>
    <message>
        <source>Training batches to profile, e.g. 10-30.</source>
        <translation>要进行性能分析的训练批次,例如 10-30。</translation>
    </message>
    <message>
        <source>Best epoch by</source>
        <translation>最佳轮次依据</translation>
    </message>
    <message>
        <source>The value that decides which epoch is the best.</source>
        <translation>决定哪一轮最佳的指标。</translation>
    </message>
    <message>
        <source>Keep checkpoints</source>
        <translation>保留检查点</translation>
    </message>
    <message>
        <source>Checkpoints of the newest epochs kept; the best epoch's is kept as well.</source>
        <translation>保留最新几轮的检查点;最佳轮次的检查点也会保留。</translation>
    </message>
    <message>
        <source>must be a whole number of checkpoints (0 keeps all)</source>
        <translation>必须是整数个检查点(0 表示全部保留)</translation>
    </message>
    <message>
        <source>Final model</source>
        <translation>最终模型</translation>
    </message>
    <message>
        <source>What model.keras is when training ends: the best epoch's checkpoint, or the model after the last epoch.</source>
        <translation>训练结束时 model.keras 是什么:最佳轮次的检查点,或最后一轮之后的模型。</translation>
    </message>
    <message>
        <source>The best epoch (by the value above)</source>
        <translation>最佳轮次(按上面的指标)</translation>
    </message>
    <message>
        <source>The last epoch</source>
        <translation>最后一轮</translation>
    </message>
</context>
<context>
    <name>SizeInput</name>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Same</source>
        <translation>相同</translation>
    </message>
</context>
<context>
    <name>SweepDialog</name>
    <message>
        <source>Try several settings</source>
        <translation>尝试多种设置</translation>
    </message>
    <message>
        <source>Every combination of the values below is trained as a run of its own, one after another, with all other settings as they are now. The runs appear in the Runs tab as one group, with a table of their results.</source>
        <translation>下面这些取值的每一种组合都会作为单独的一次训练,依次进行,其余设置保持现在的样子。这些训练在“训练记录”页显示为一组,并附有结果表。</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Values, separated by commas</source>
        <translation>取值,用逗号分隔</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(无)</translation>
    </message>
    <message>
        <source>{label} ({key})</source>
        <translation>{label}({key})</translation>
    </message>
    <message>
        <source>Train the runs</source>
        <translation>训练这些组合</translation>
    </message>
    <message>
        <source>now {value}; e.g. {value}, …</source>
        <translation>现在为 {value};例如 {value}, …</translation>
    </message>
    <message>
        <source>Values of {label}, separated by commas, as fitgen sweep --vary {key}=V1,V2 takes them.</source>
        <translation>{label} 的取值,用逗号分隔,与 fitgen sweep --vary {key}=V1,V2 的写法相同。</translation>
    </message>
    <message>
        <source>Change the values above.</source>
        <translation>请修改上面的取值。</translation>
    </message>
    <message>
        <source>1 run</source>
        <translation>1 次训练</translation>
    </message>
    <message>
        <source>{count} runs</source>
        <translation>{count} 次训练</translation>
    </message>
    <message>
        <source>Choose a setting and type its values.</source>
        <translation>请选择一个设置并输入它的取值。</translation>
    </message>
    <message>
        <source>{runs}: {names}</source>
        <translation>{runs}:{names}</translation>
    </message>
    <message>
        <source>Train {count} runs?</source>
        <translation>要训练 {count} 次吗?</translation>
    </message>
    <message>
        <source>These values make {count} runs, more than {limit}; they are trained one after another. Train them all?</source>
        <translation>这些取值组合成 {count} 次训练,超过 {limit} 次;它们会依次训练。全部训练吗?</translation>
    </message>
</context>
<context>
    <name>SweepFlow</name>
    <message>
        <source>Try several &amp;settings…</source>
        <translation>尝试多种设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Train one run per combination of a few settings' values, one after another, as one sweep.</source>
        <translation>为几个设置取值的每一种组合各训练一次,依次进行,作为一次参数扫描。</translation>
    </message>
    <message>
        <source>A sweep is training (Runs tab); stop it or wait for it.</source>
        <translation>一个参数扫描正在训练(见“训练记录”页);请停止它或等它完成。</translation>
    </message>
    <message>
        <source>Stopping already.</source>
        <translation>正在停止。</translation>
    </message>
    <message>
        <source>Stop the sweep: the run in progress stops after the current batch and keeps a checkpoint; no other run starts.</source>
        <translation>停止参数扫描:正在进行的训练在当前批次之后停止并保留检查点;不会再开始其他训练。</translation>
    </message>
    <message>
        <source>Cannot try several settings yet</source>
        <translation>暂时无法尝试多种设置</translation>
    </message>
    <message>
        <source>to train the sweep's runs</source>
        <translation>来训练参数扫描中的各次训练</translation>
    </message>
    <message>
        <source>Cannot make the sweep folder</source>
        <translation>无法创建参数扫描文件夹</translation>
    </message>
    <message>
        <source>Cannot resume the sweep</source>
        <translation>无法继续参数扫描</translation>
    </message>
    <message>
        <source>Nothing to resume</source>
        <translation>没有需要继续的训练</translation>
    </message>
    <message>
        <source>Every run of {name} has finished.</source>
        <translation>{name} 的每一次训练都已完成。</translation>
    </message>
    <message>
        <source>Cannot show the sweep</source>
        <translation>无法显示参数扫描</translation>
    </message>
    <message>
        <source>Run {number} of {total}: {name}</source>
        <translation>第 {number} 次训练,共 {total} 次:{name}</translation>
    </message>
    <message>
        <source>Sweep {sweep}: training run {number} of {total}, {name}.</source>
        <translation>参数扫描 {sweep}:正在训练第 {number} 次,共 {total} 次,{name}。</translation>
    </message>
    <message>
        <source>Run {number} of {total}, {name}: {status}.</source>
        <translation>第 {number} 次训练,共 {total} 次,{name}:{status}。</translation>
    </message>
    <message>
        <source>Sweep: {statuses}</source>
        <translation>参数扫描:{statuses}</translation>
    </message>
    <message>
        <source>Sweep {name} stopped: {statuses}. Resume sweep (Runs tab) trains the runs that did not finish.</source>
        <translation>参数扫描 {name} 已停止:{statuses}。“继续参数扫描”(训练记录页)会训练没有完成的那些。</translation>
    </message>
    <message>
        <source>Sweep {name} ended: {statuses}. Its table and Compare are in the Runs tab.</source>
        <translation>参数扫描 {name} 已结束:{statuses}。它的结果表和比较在“训练记录”页。</translation>
    </message>
    <message>
        <source>The sweep stopped</source>
        <translation>参数扫描已停止</translation>
    </message>
    <message>
        <source>A sweep is training</source>
        <translation>一个参数扫描正在训练</translation>
    </message>
    <message>
        <source>Stop the sweep and close FitGen? The run in progress keeps a checkpoint, and Resume sweep continues the others later.</source>
        <translation>停止参数扫描并关闭 FitGen 吗?正在进行的训练会保留检查点,之后可用“继续参数扫描”完成其余的训练。</translation>
    </message>
</context>
<context>
    <name>SweepTableDialog</name>
    <message>
        <source>Sweep {name}</source>
        <translation>参数扫描 {name}</translation>
    </message>
    <message>
        <source>Compare all</source>
        <translation>全部比较</translation>
    </message>
    <message>
        <source>The sweep's runs side by side in the Compare runs tab, their curves overlaid (only the selected ones when two or more are selected).</source>
        <translation>在“比较训练”页并排显示这个参数扫描的各次训练,曲线叠在一起(选中两次或更多时只显示选中的)。</translation>
    </message>
    <message>
        <source>Resume sweep</source>
        <translation>继续参数扫描</translation>
    </message>
    <message>
        <source>Train the runs that did not finish (not started, stopped, failed or interrupted), each from its last checkpoint.</source>
        <translation>训练没有完成的那些(未开始、已停止、失败或被中断),每次都从它最后的检查点继续。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <source>Best epoch</source>
        <translation>最佳轮次</translation>
    </message>
    <message>
        <source>Final val accuracy</source>
        <translation>最终验证集准确率</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>{metric} {value}</source>
        <translation>{metric} {value}</translation>
    </message>
    <message>
        <source>Ranked by {metric}, lowest first.</source>
        <translation>按 {metric} 排序,最低的在前。</translation>
    </message>
    <message>
        <source>Ranked by {metric}, highest first.</source>
        <translation>按 {metric} 排序,最高的在前。</translation>
    </message>
    <message>
        <source>The runs monitor different metrics, so they are listed in the sweep's order, not ranked.</source>
        <translation>这些训练监视的指标不同,所以按参数扫描的顺序列出,不排序。</translation>
    </message>
    <message>
        <source>The runs are ranked by their monitored value once they have one.</source>
        <translation>每次训练有了监视指标的值之后,就按它排序。</translation>
    </message>
    <message>
        <source>{count} runs varying {keys}: {statuses}. {order} Folder: {folder}</source>
        <translation>{count} 次训练,变化的设置为 {keys}:{statuses}。{order} 文件夹:{folder}</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Length</source>
        <translation>训练时长</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source> epoch(s)</source>
        <translation> 轮</translation>
    </message>
    <message>
        <source>Feeding the model</source>
        <translation>数据供给</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>During training</source>
        <translation>训练过程中</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>after</source>
        <translation>在</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>and the best by</source>
        <translation>以及最佳轮次,依据</translation>
    </message>
    <message>
        <source>A checkpoint is saved after every epoch, so a run can be resumed from any kept epoch.</source>
        <translation>每一轮之后都会保存检查点,因此可以从任意保留的轮次继续训练。</translation>
    </message>
    <message>
        <source>Automatic ({steps})</source>
        <translation>自动({steps})</translation>
    </message>
    <message>
        <source>Automatic (GPU when there is one)</source>
        <translation>自动(有 GPU 时使用 GPU)</translation>
    </message>
    <message>
        <source>Needs a GPU: none was found on this computer (or the device is the CPU).</source>
        <translation>需要 GPU:这台计算机上没有找到 GPU(或设备选的是 CPU)。</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>Smoothing of batch curves</source>
        <translation>批次曲线平滑</translation>
    </message>
    <message>
        <source>Averages the noisy per-batch values (like TensorBoard's smoothing); the faint line shows them raw.</source>
        <translation>对波动较大的逐批次数值做平均(类似 TensorBoard 的平滑);浅色线显示原始数值。</translation>
    </message>
    <message>
        <source>Loss per batch</source>
        <translation>每批次的损失</translation>
    </message>
    <message>
        <source>Accuracy per batch</source>
        <translation>每批次的准确率</translation>
    </message>
    <message>
        <source>Loss per epoch</source>
        <translation>每轮的损失</translation>
    </message>
    <message>
        <source>Accuracy per epoch</source>
        <translation>每轮的准确率</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
</context>
<context>
    <name>TrainingView</name>
    <message>
        <source>No run shown yet: press Start training, or open a run in the Runs tab.</source>
        <translation>还没有显示任何训练:请按“开始训练”,或在“训练记录”标签页中打开一次训练。</translation>
    </message>
    <message>
        <source>Run {name}: training on {device}, {images} images, {classes} classes. Folder: {folder}</source>
        <translation>训练 {name}:在 {device} 上训练,{images} 张图像,{classes} 个类别。文件夹:{folder}</translation>
    </message>
    <message>
        <source>The model calls every validation image '{0}' so far: it has not yet learned to tell the classes apart.</source>
        <translation>到目前为止,模型把每张验证集图像都判为“{0}”:它还没学会区分各类别。</translation>
    </message>
    <message>
        <source>{count} records of events.jsonl could not be read and are not shown ({first}).</source>
        <translation>events.jsonl 中有 {count} 条记录无法读取,未显示({first})。</translation>
    </message>
    <message>
        <source>Run {name}: {status}, {epochs} epochs, {checkpoints} checkpoints. Folder: {folder}</source>
        <translation>训练 {name}:{status},{epochs} 轮,{checkpoints} 个检查点。文件夹:{folder}</translation>
    </message>
    <message>
        <source>Run {name}: {status}, {epochs} epochs. Folder: {folder}</source>
        <translation>训练 {name}:{status},{epochs} 轮。文件夹:{folder}</translation>
    </message>
</context>
<context>
    <name>ValidationInput</name>
    <message>
        <source>A separate folder</source>
        <translation>单独的文件夹</translation>
    </message>
    <message>
        <source>A share of the training images</source>
        <translation>从训练集图像中划出一部分</translation>
    </message>
    <message>
        <source>No validation</source>
        <translation>不使用验证集</translation>
    </message>
    <message>
        <source>How the model is checked on images it does not train on.</source>
        <translation>如何用模型未训练过的图像来检验模型。</translation>
    </message>
    <message>
        <source>Choose the validation folder</source>
        <translation>选择验证集文件夹</translation>
    </message>
    <message>
        <source>Images kept apart to measure the model, with the same class sub-folders as the training folder.</source>
        <translation>单独留出用于衡量模型的图像,类别子文件夹与训练集文件夹相同。</translation>
    </message>
    <message>
        <source>The share of each class's training images kept for validation.</source>
        <translation>每个类别的训练集图像中留作验证集的比例。</translation>
    </message>
    <message>
        <source>The model is not measured on unseen images.</source>
        <translation>不会在未见过的图像上衡量模型。</translation>
    </message>
</context>
<context>
    <name>WeightsInput</name>
    <message>
        <source>None: learn from scratch</source>
        <translation>无:从零开始训练</translation>
    </message>
    <message>
        <source>From a file…</source>
        <translation>从文件加载…</translation>
    </message>
    <message>
        <source>Start from weights learned on ImageNet (1.2 million photos) to learn from few images.</source>
        <translation>从在 ImageNet(120 万张照片)上学到的权重开始,用少量图像就能学好。</translation>
    </message>
    <message>
        <source>Choose a weights file (.h5, without top)</source>
        <translation>选择权重文件(.h5,不含顶层)</translation>
    </message>
    <message>
        <source>Keras weights (*.h5 *.weights.h5)</source>
        <translation>Keras 权重 (*.h5 *.weights.h5)</translation>
    </message>
    <message>
        <source>Weights of the same architecture, without its classification top.</source>
        <translation>同一架构的权重,不含其分类顶层。</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&lt;h3&gt;FitGen in six steps&lt;/h3&gt;
&lt;ol&gt;
&lt;li&gt;&lt;b&gt;Data&lt;/b&gt;: choose the training folder (one sub-folder per class: &lt;i&gt;cats/&lt;/i&gt;,
&lt;i&gt;dogs/&lt;/i&gt;...) and a validation folder, or keep a share of the training images for
validation. FitGen counts the classes and reads every file once; problems are listed in
plain words. You can also drop a folder on the window.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Augmentation&lt;/b&gt;: random changes to the training images (turns, shifts, zoom,
mirroring, brightness). The preview on the right shows a batch exactly as the model
receives it.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Model&lt;/b&gt;: the small CNN learns from scratch on a CPU; the larger networks learn
much more from few images when they start from ImageNet weights.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Fit options&lt;/b&gt;: epochs, steps, workers, class weights, seed, device, early stopping
and how many checkpoints to keep.&lt;/li&gt;
&lt;li&gt;Press &lt;b&gt;Start training&lt;/b&gt; (F5). The plots and the console follow every batch.
&lt;b&gt;Stop&lt;/b&gt; keeps a checkpoint; &lt;b&gt;Resume…&lt;/b&gt; continues any run from any kept epoch.
Every run is a folder of the Runs tab: open it to see its plots again.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Evaluate&lt;/b&gt; (F6): accuracy per class, the confusion matrix (click a cell to see its
images), the model's worst mistakes and where it looked (Grad-CAM). &lt;b&gt;Predict&lt;/b&gt;: drop new
images on the Predict tab. &lt;b&gt;Model ▸ Export…&lt;/b&gt; writes the model for other programs, each
format checked to predict what FitGen predicts.&lt;/li&gt;
&lt;/ol&gt;
&lt;p&gt;When Start is greyed out, the red line under it says what to fix first.&lt;/p&gt;
&lt;p&gt;The full guide is the project's README; programmers can feed their own generator
(Data source: A Python data file, see &lt;i&gt;docs/python-data-file.md&lt;/i&gt;).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;六步上手 FitGen&lt;/h3&gt;
&lt;ol&gt;
&lt;li&gt;&lt;b&gt;数据&lt;/b&gt;:选择训练集文件夹(每个类别一个子文件夹:&lt;i&gt;cats/&lt;/i&gt;、&lt;i&gt;dogs/&lt;/i&gt;……)和验证集文件夹,
或从训练集中划出一部分图像作为验证集。FitGen 会统计类别并逐一读取每个文件;发现的问题会用通俗的话列出。
也可以直接把文件夹拖到窗口上。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;数据增强&lt;/b&gt;:对训练图像做随机变换(旋转、平移、缩放、翻转、亮度)。右侧的预览显示的批次与模型实际接收到的完全一致。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;模型&lt;/b&gt;:小型 CNN 可在 CPU 上从零开始训练;较大的网络以 ImageNet 预训练权重为起点时,
用很少的图像就能学到更多。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;训练选项&lt;/b&gt;:轮次(epoch)、步数、工作进程数、类别权重、随机种子、设备、早停,以及保留多少个检查点。&lt;/li&gt;
&lt;li&gt;按下&lt;b&gt;开始训练&lt;/b&gt;(F5)。曲线图和控制台会跟随每个批次更新。&lt;b&gt;停止&lt;/b&gt;时会保存检查点;
&lt;b&gt;继续训练…&lt;/b&gt;可以从任意保留的轮次继续任何一次训练。每次训练都是“训练记录”标签页中的一个文件夹:打开它即可再次查看曲线。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;评估&lt;/b&gt;(F6):各类别准确率、混淆矩阵(点击单元格查看其中的图像)、模型最严重的错误以及它关注的区域(Grad-CAM)。
&lt;b&gt;预测&lt;/b&gt;:把新图像拖到“预测”标签页。&lt;b&gt;模型 ▸ 导出…&lt;/b&gt;将模型导出供其他程序使用,每种格式都会检查其预测与 FitGen 一致。&lt;/li&gt;
&lt;/ol&gt;
&lt;p&gt;“开始”按钮变灰时,它下方的红色提示会说明需要先解决什么。&lt;/p&gt;
&lt;p&gt;完整指南见项目的 README;程序员可以接入自己的生成器(数据来源:Python 数据文件,见 &lt;i&gt;docs/python-data-file.md&lt;/i&gt;)。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New project</source>
        <translation>新建项目(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>最近的项目</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Choose training &amp;folder…</source>
        <translation>选择训练集文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Runs &amp;workspace folder…</source>
        <translation>训练记录工作文件夹(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Resume…</source>
        <translation>继续训练(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>评估(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Predict images…</source>
        <translation>预测图像(&amp;P)…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quick guide</source>
        <translation>快速入门(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About FitGen</source>
        <translation>关于 FitGen(&amp;A)</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(暂无)</translation>
    </message>
    <message>
        <source>Quick guide</source>
        <translation>快速入门</translation>
    </message>
    <message>
        <source>About FitGen</source>
        <translation>关于 FitGen</translation>
    </message>
    <message>
        <source>FitGen {version}
Train image classifiers from folders of images.
Keras 2's fit_generator and ImageDataGenerator, on Keras 3.</source>
        <translation>FitGen {version}
用图像文件夹训练图像分类器。
在 Keras 3 上重现 Keras 2 的 fit_generator 和 ImageDataGenerator。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>The language changes when FitGen is started again.</source>
        <extracomment>The languages offered in *Settings ▸ Language*: code -&gt; name in that language.</extracomment>
        <translation>重新启动 FitGen 后语言才会更改。</translation>
    </message>
</context>
<context>
    <name>data_file_questions</name>
    <message>
        <source>This run gets its data by running the Python file
{file}

Run it to resume? Choose No if you do not know the file.</source>
        <translation>这次训练通过运行以下 Python 文件获取数据:
{file}

要运行它来继续训练吗?如果您不了解这个文件,请选择“否”。</translation>
    </message>
    <message>
        <source>This run gets its data by running the Python file
{file}

Run it to evaluate? Choose No if you do not know the file.</source>
        <translation>这次训练通过运行以下 Python 文件获取数据:
{file}

要运行它来评估吗?如果您不了解这个文件,请选择“否”。</translation>
    </message>
    <message>
        <source>This run gets its data by running the Python file
{file}

Run it for the export's self-test (it needs the run's validation images)? Choose No if you do not know the file.</source>
        <translation>这次训练通过运行以下 Python 文件获取数据:
{file}

要运行它来做导出自检吗(自检需要这次训练的验证集图像)?如果您不了解这个文件,请选择“否”。</translation>
    </message>
    <message>
        <source>Run the project's data file?</source>
        <translation>要运行项目的数据文件吗?</translation>
    </message>
    <message>
        <source>Run the run's data file?</source>
        <translation>要运行该训练的数据文件吗?</translation>
    </message>
</context>
</TS>